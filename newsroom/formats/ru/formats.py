# Russian dates: "24 января 2022", the month in the genitive after a day
# number ("E"), alone in the nominative ("F": "январь 2022"). Django's
# own formats add "г.", heavy in lists; numbers keep Django's formats.
DATE_FORMAT = "j E Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j E Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j E"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday

# The first input format is also the one the admin's calendar writes.
# Django accepts the ISO forms (2022-01-24) as well.
DATE_INPUT_FORMATS = ["%d.%m.%Y", "%d.%m.%y"]
# Times without seconds, as editors write them; the clock writes the first.
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S"]
DATETIME_INPUT_FORMATS = ["%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%y %H:%M"]
