from modeltranslation.translator import TranslationOptions, register

from .models import Image, Person, SiteSettings, SocialLink


@register(SiteSettings)
class SiteSettingsTranslation(TranslationOptions):
    fields = ["site_name", "tagline"]


@register(SocialLink)
class SocialLinkTranslation(TranslationOptions):
    fields = ["label"]


@register(Person)
class PersonTranslation(TranslationOptions):
    fields = ["name", "role"]


@register(Image)
class ImageTranslation(TranslationOptions):
    fields = ["alt"]
