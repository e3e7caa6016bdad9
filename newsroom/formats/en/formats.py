# English dates as the office writes them: "24 January 2022, 23:57", day
# first and the 24-hour clock, like the Belarusian and Russian admin. Numbers
# keep Django's formats.
DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
FIRST_DAY_OF_WEEK = 1  # Monday

# The first input format is also the one the admin's calendar writes: ISO,
# which no reader of English takes for another day. Day-first forms are
# accepted; month-first (01/12/2026) is not, as it would be read the wrong way.
DATE_INPUT_FORMATS = [
    "%Y-%m-%d",  # 2022-01-24
    "%d.%m.%Y",  # 24.01.2022
    "%d/%m/%Y",  # 24/01/2022
    "%d %B %Y",  # 24 January 2022
    "%d %b %Y",  # 24 Jan 2022
]
# Times without seconds, as editors write them; the clock writes the first.
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S"]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%d.%m.%Y %H:%M",
    "%d/%m/%Y %H:%M",
]
