from modeltranslation.translator import TranslationOptions, register

from .models import Image, Person, SiteSettings, SocialLink, Tag


@register(SiteSettings)
class SiteSettingsTranslation(TranslationOptions):
    fields = ["site_name", "tagline"]


@register(SocialLink)
class SocialLinkTranslation(TranslationOptions):
    fields = ["label"]


@register(Person)
class PersonTranslation(TranslationOptions):
    fields = ["name", "role"]


@register(Tag)
class TagTranslation(TranslationOptions):
    fields = ["name"]


@register(Image)
class ImageTranslation(TranslationOptions):
    fields = ["alt"]
