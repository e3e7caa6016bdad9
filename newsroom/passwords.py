"""Password rules beyond Django's: the words attackers try first against this office's staff.

Attackers who target Belarusian democratic forces guess from the community's
slogans, symbols and places, dressed up with capitals, digits and signs
(`ZhyveBelarus!`, `belarus12345`), and from the user's own name
(`editor123456`). Django's validators compare the password as typed; these
compare what is left of it once case, digits and signs are set aside, in
Latin and Cyrillic letters, and also as if typed with the keyboard in the
other alphabet's layout.
"""

import functools
import re
import unicodedata

from django.contrib.auth.password_validation import CommonPasswordValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext

# Written as normalise() leaves them: lower case, letters only, no accents,
# "і" as "и". Several spellings of one word, since people transliterate freely.
COMMUNITY_PHRASES = [
    # Slogans
    "zhyvebelarus",
    "zhivebelarus",
    "zyvebelarus",
    "жывебеларусь",
    "живебеларусь",
    "zhyve",
    "zhive",
    "жыве",
    "verymmozhampieramozham",
    "verymmozhamperamozham",
    "верымможампераможам",
    "slavaukraini",
    "slavaukraine",
    "славаукраине",
    "heroyamslava",
    "herojamslava",
    "героямслава",
    # The country, the language, freedom
    "belarus",
    "bielarus",
    "belarusian",
    "беларусь",
    "беларуская",
    "беларусская",
    "svaboda",
    "svoboda",
    "свабода",
    "свобода",
    "volnaya",
    "вольная",
    # Symbols
    "pahonia",
    "pahonya",
    "pagonia",
    "pogonya",
    "pagonya",
    "пагоня",
    "погоня",
    "bchb",
    "бчб",
    "belchyrvonabely",
    "белчырвонабелы",
    "белокрасноебелое",
    # Places
    "minsk",
    "mensk",
    "минск",
    "менск",
    "vilnius",
    "vilnia",
    "вильня",
    "вильнюс",
    "warszawa",
    "warsaw",
    "варшава",
    # People
    "lukashenko",
    "lukashenka",
    "лукашенко",
    "лукашэнка",
    "tsikhanouskaya",
    "tikhanovskaya",
    "циханоуская",
    "тихановская",
    "kalinouski",
    "калиноуски",
    # This office
    "newsroom",
    "naviny",
    "навины",
    "новости",
    "redaktar",
    "рэдактар",
    "редактор",
    "digest",
    "дайджэст",
    "дайджест",
]

# Keys of a QWERTY keyboard and the Russian and Belarusian letters on them:
# "vbycr" is "мінск" typed without switching the layout.
QWERTY = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`"
LAYOUTS = [
    str.maketrans(QWERTY, "йцукенгшщзхъфывапролджэячсмитьбюё"),
    str.maketrans(QWERTY, "йцукенгшўзх'фывапролджэячсмітьбюё"),
]

# Runs of keys or letters a password may not simply be a piece of.
SEQUENCES = [
    "abcdefghijklmnopqrstuvwxyz",
    "01234567890",
    "qwertyuiopasdfghjklzxcvbnm",
    "qazwsxedcrfvtgbyhnujmikolp",
    "1q2w3e4r5t6y7u8i9o0p",
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    "йцукенгшщзхъфывапролджэячсмитьбю",
]

# Fewer letters than this left beside a known phrase is no protection.
MIN_OTHER_LETTERS = 4


def normalise(text):
    """Letters only, lower case, without accents; "і" as "и", "ў" as "у", "ё" as "е"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    letters = "".join(char for char in decomposed if char.isalpha())
    return letters.replace("і", "и").replace("ў", "у")


def readings(password):
    """The password as typed and as read in each other keyboard layout, normalised."""
    lowered = password.casefold()
    return list(
        dict.fromkeys(
            normalise(text)
            for text in [lowered, *(lowered.translate(layout) for layout in LAYOUTS)]
        )
    )


def covering(letters, phrases):
    """The phrases found in `letters`, and how many letters none of them covers."""
    covered = [False] * len(letters)
    found = []
    for phrase in phrases:
        start = letters.find(phrase)
        if start >= 0:
            found.append(phrase)
        while start >= 0:
            covered[start : start + len(phrase)] = [True] * len(phrase)
            start = letters.find(phrase, start + 1)
    return found, covered.count(False)


def mostly(letters, phrases):
    """The phrases `letters` is mostly made of, or [] if it is not."""
    if not letters:
        return []
    found, uncovered = covering(letters, phrases)
    if found and (uncovered < MIN_OTHER_LETTERS or uncovered * 2 < len(letters)):
        return found
    return []


@functools.cache
def common_passwords():
    return frozenset(CommonPasswordValidator().passwords)


def name_parts(user, attributes):
    """The user's names, whole and in parts ("anna.k@…" gives "annak", "anna")."""
    parts = set()
    for attribute in attributes:
        value = getattr(user, attribute, None)
        if not value or not isinstance(value, str):
            continue
        if attribute == "email":
            value = value.partition("@")[0]
        for part in [value, *re.split(r"[\W\d_]+", value)]:
            part = normalise(part)
            if len(part) >= 3:
                parts.add(part)
    return parts


class CommonPhrasePasswordValidator:
    """Refuses a password made mostly of a phrase common in the community, or of the
    user's names, or of a common password, whatever case, digits and signs it adds."""

    def __init__(
        self, phrases=None, user_attributes=("username", "first_name", "last_name", "email")
    ):
        self.phrases = sorted({normalise(phrase) for phrase in phrases or COMMUNITY_PHRASES})
        self.user_attributes = user_attributes

    def validate(self, password, user=None):
        names = name_parts(user, self.user_attributes) if user else set()
        for letters in readings(password):
            found = mostly(letters, [*names, *self.phrases])
            if names.intersection(found):
                raise ValidationError(
                    gettext(
                        "This password is mostly your user name or your name. "
                        "Choose one that has nothing to do with you."
                    ),
                    code="password_like_user_name",
                )
            if found:
                raise ValidationError(
                    gettext(
                        "This password is mostly “%(phrase)s”, a word attackers try first "
                        "against our staff; capitals, digits and signs do not change that. "
                        "Choose several unrelated words instead."
                    ),
                    code="password_community_phrase",
                    params={"phrase": max(found, key=len)},
                )
            if len(letters) >= MIN_OTHER_LETTERS and letters in common_passwords():
                raise ValidationError(
                    gettext(
                        "This password is a common password with digits or signs added. "
                        "Choose several unrelated words instead."
                    ),
                    code="password_too_common",
                )

    def get_help_text(self):
        return gettext(
            "Your password can’t be made mostly of a word common in our community (such "
            "as “belarus” or “svaboda”, in Latin or Cyrillic letters), of your name or of a "
            "common password, whatever capitals, digits or signs you add."
        )


class SimplePatternPasswordValidator:
    """Refuses one character or a short block repeated, and runs of keys or letters."""

    def __init__(self, min_distinct=5):
        self.min_distinct = min_distinct

    def validate(self, password, user=None):
        lowered = password.casefold()
        if len(set(lowered)) < self.min_distinct or self._repeats(lowered):
            raise ValidationError(
                gettext(
                    "This password repeats the same few characters. "
                    "Choose several unrelated words instead."
                ),
                code="password_repetitive",
            )
        if self._is_sequence(lowered):
            raise ValidationError(
                gettext(
                    "This password is a run of letters, digits or keyboard keys "
                    "(like “abcdef” or “qwerty”). Choose several unrelated words instead."
                ),
                code="password_sequence",
            )

    @staticmethod
    def _repeats(text):
        return any(
            len(text) % size == 0 and text == text[:size] * (len(text) // size)
            for size in range(1, len(text) // 2 + 1)
        )

    @staticmethod
    def _is_sequence(text):
        text = "".join(char for char in text if char.isalnum())
        if not text:
            return False
        return any(text in run * 3 or text in run[::-1] * 3 for run in SEQUENCES)

    def get_help_text(self):
        return gettext(
            "Your password can’t repeat the same few characters or be a run of letters, "
            "digits or keys such as “abcdef” or “qwerty”."
        )
