from modeltranslation.translator import TranslationOptions, register

from .models import Digest, DigestAction, Section


@register(Digest)
class DigestTranslation(TranslationOptions):
    fields = ["title", "headline", "lead", "closing_call"]


@register(DigestAction)
class DigestActionTranslation(TranslationOptions):
    fields = ["wording", "frozen_text"]


@register(Section)
class SectionTranslation(TranslationOptions):
    fields = ["heading", "body"]
