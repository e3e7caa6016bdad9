"""Demo content built from the facts of the digest of 10 — 23 January 2022.

The texts are our own wording of those facts, in Belarusian, Russian and
English. Every row is found again by a natural key (a slug, a date, a
campaign and a start day, a position), so running the command again updates
the rows in place instead of adding copies.
"""

import datetime
import re
from zoneinfo import ZoneInfo

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from campaigns.models import ActionItem, Campaign, CampaignLink, MeetingTopic, PartnerMeeting
from digests.models import Digest, DigestAction, Section
from digests.services import publish_digest
from newsroom.models import Person, SiteSettings, SocialLink, Tag

# The order of every (be, ru, en) tuple below.
LANGUAGES = ("be", "ru", "en")
MINSK = ZoneInfo("Europe/Minsk")
BLOCK_TAG = re.compile(r"\s*(</?(?:p|ul|ol|li|blockquote|h3|h4)>)\s*")

VOICE = "https://belarus2020.org"
CHATBOT = "https://t.me/NAUsupport"
CHANNEL = "https://t.me/example_newsroom"
TSIKHANOUSKAYA = "https://tsikhanouskaya.org"
BYSOL = "https://bysol.org"
DISSIDENTBY = "https://dissidentby.com"


def squash(text):
    """One line of text; HTML written over several lines loses the gaps between blocks."""
    return BLOCK_TAG.sub(r"\1", " ".join(text.split()))


def localized(**values):
    """Field values for a model, a (be, ru, en) tuple spread over the translated fields."""
    fields = {}
    for name, value in values.items():
        if isinstance(value, tuple):
            for code, text in zip(LANGUAGES, value, strict=True):
                fields[f"{name}_{code}"] = squash(text)
        else:
            fields[name] = value
    return fields


def period_slug(start, end):
    """'digest-2022-01-10-23': stable for a period, readable in the address bar."""
    if start.year != end.year:
        return f"digest-{start:%Y-%m-%d}-{end:%Y-%m-%d}"
    if start.month != end.month:
        return f"digest-{start:%Y-%m-%d}-{end:%m-%d}"
    return f"digest-{start:%Y-%m-%d}-{end:%d}"


SITE = {
    "site_name": (
        "Навіны дэмакратычных сіл",
        "Новости демократических сил",
        "News of the democratic forces",
    ),
    "tagline": (
        "Дайджэсты і спіс спраў на сёння для прыхільнікаў пераменаў у Беларусі",
        "Дайджесты и список дел на сегодня для сторонников перемен в Беларуси",
        "Digests and today's list of actions for supporters of change in Belarus",
    ),
    "contact_email": "newsroom@example.org",
}

SOCIAL_LINKS = [
    (SocialLink.Network.FACEBOOK, "https://www.facebook.com/example.newsroom"),
    (SocialLink.Network.INSTAGRAM, "https://www.instagram.com/example.newsroom"),
    (SocialLink.Network.TELEGRAM, CHANNEL),
    (SocialLink.Network.X, "https://x.com/example_newsroom"),
]

LATUSHKA = {
    "name": ("Павел Латушка", "Павел Латушко", "Pavel Latushka"),
    "role": (
        "Кіраўнік Нацыянальнага антыкрызіснага ўпраўлення (НАУ)",
        "Руководитель Национального антикризисного управления (НАУ)",
        "Head of the National Anti-Crisis Management (NAM)",
    ),
}

CAMPAIGNS = {
    "cross-out-the-referendum": {
        "kind": Campaign.Kind.REFERENDUM,
        "status": Campaign.Status.CLOSED,
        "starts_on": datetime.date(2022, 1, 10),
        "ends_on": datetime.date(2022, 2, 27),
        "tags": ["referendum", "Voice"],
        "name": (
            "Закрэслім «рэферэндум»",
            "Перечеркнём «референдум»",
            "Cross out the “referendum”",
        ),
        "summary": (
            """Агульны план дэмакратычных сіл на плебісцыт 27 лютага 2022 года: прыйсці,
            закрэсліць усе варыянты і пацвердзіць бюлетэнь на платформе «Голас».""",
            """Общий план демократических сил на плебисцит 27 февраля 2022 года: прийти,
            перечеркнуть все варианты и подтвердить бюллетень на платформе «Голос».""",
            """The democratic forces' joint plan for the plebiscite of 27 February 2022: turn
            up, cross out every option and confirm the ballot on the Voice platform.""",
        ),
        "body": (
            """<p>Лукашэнка не мае легітымнага права мяняць Канстытуцыю, таму дэмакратычныя
            сілы заклікалі беларусаў не заставацца дома, а <strong>сапсаваць бюлетэнь так,
            каб гэта можна было палічыць</strong>.</p>
            <ul>
            <li>Пастаўце крыжык насупраць кожнага адказу.</li>
            <li>Сфатаграфуйце бюлетэнь з абодвух бакоў, перш чым апусціць яго ў скрыню.</li>
            <li>Пацвердзіце бюлетэнь на платформе «Голас», каб можна было паказаць сапраўдны
            вынік.</li>
            </ul>
            <p>Дэмакратычныя сілы не прызнаюць ні плебісцыт, ні любы вынік, які абвесціць
            рэжым.</p>""",
            """<p>Лукашенко не имеет легитимного права менять Конституцию, поэтому
            демократические силы призвали белорусов не оставаться дома, а <strong>испортить
            бюллетень так, чтобы это можно было посчитать</strong>.</p>
            <ul>
            <li>Поставьте крестик напротив каждого ответа.</li>
            <li>Сфотографируйте бюллетень с обеих сторон, прежде чем опустить его в урну.</li>
            <li>Подтвердите бюллетень на платформе «Голос», чтобы можно было показать
            настоящий результат.</li>
            </ul>
            <p>Демократические силы не признают ни плебисцит, ни любой результат, который
            объявит режим.</p>""",
            """<p>Lukashenka has no legitimate power to change the Constitution, so the
            democratic forces asked Belarusians not to stay at home but to <strong>spoil the
            ballot in a way that can be counted</strong>.</p>
            <ul>
            <li>Put a cross next to every answer.</li>
            <li>Photograph both sides of the ballot before you drop it in the box.</li>
            <li>Confirm your ballot on the Voice platform, so that the real result can be
            shown.</li>
            </ul>
            <p>The democratic forces recognise neither the plebiscite nor any result the
            regime announces.</p>""",
        ),
        "links": [
            (
                (
                    "Зарэгістравацца на «Голасе»",
                    "Зарегистрироваться на «Голосе»",
                    "Register on the Voice platform",
                ),
                VOICE,
            ),
        ],
    },
    "popular-sanctions": {
        "kind": Campaign.Kind.POPULAR_SANCTIONS,
        "status": Campaign.Status.ACTIVE,
        "starts_on": datetime.date(2021, 10, 1),
        "ends_on": None,
        "tags": ["sanctions"],
        "name": ("Народныя санкцыі", "Народные санкции", "Popular sanctions"),
        "summary": (
            """Кожны рубель, які не трапляе ў дзяржаўныя банкі і акцызы, — гэта рубель, які
            рэжым не выдаткуе на рэпрэсіі.""",
            """Каждый рубль, который не попадает в государственные банки и акцизы, — это
            рубль, который режим не потратит на репрессии.""",
            """Every rouble kept away from state banks and excise duty is a rouble the regime
            cannot spend on repression.""",
        ),
        "body": (
            """<p>Народныя санкцыі — гэта тое, што кожны з нас можа зрабіць са сваімі
            грашыма. Рэжым жыве за кошт дэпазітаў у дзяржаўных банках і акцызаў на алкаголь,
            тытунь і паліва.</p>
            <ul>
            <li><strong>Зніміце грошы з картак</strong> і забярыце дэпазіты з банкаў.</li>
            <li><strong>Трымайце зберажэнні ў валюце</strong>, а не ў беларускіх рублях.</li>
            <li><strong>Адмоўцеся ад падакцызных і дарагіх тавараў</strong>, падаткі з якіх
            напаўняюць бюджэт.</li>
            </ul>""",
            """<p>Народные санкции — это то, что каждый из нас может сделать со своими
            деньгами. Режим живёт за счёт депозитов в государственных банках и акцизов на
            алкоголь, табак и топливо.</p>
            <ul>
            <li><strong>Снимите деньги с карт</strong> и заберите депозиты из банков.</li>
            <li><strong>Храните сбережения в валюте</strong>, а не в белорусских рублях.</li>
            <li><strong>Откажитесь от подакцизных и дорогих товаров</strong>, налоги с
            которых наполняют бюджет.</li>
            </ul>""",
            """<p>Popular sanctions are what each of us can do with our own money. The regime
            lives on deposits in state banks and on excise duty from alcohol, tobacco and
            fuel.</p>
            <ul>
            <li><strong>Take your money off cards</strong> and out of bank deposits.</li>
            <li><strong>Keep your savings in foreign currency</strong> rather than in
            Belarusian roubles.</li>
            <li><strong>Turn down excisable and expensive goods</strong> whose taxes fill the
            budget.</li>
            </ul>""",
        ),
        "links": [
            (
                (
                    "Спытаць у чат-бота @NAUsupport",
                    "Спросить у чат-бота @NAUsupport",
                    "Ask the @NAUsupport chatbot",
                ),
                CHATBOT,
            ),
        ],
    },
    "museum-of-free-belarus": {
        "kind": Campaign.Kind.MUSEUM_DONATIONS,
        "status": Campaign.Status.ACTIVE,
        "starts_on": datetime.date(2021, 9, 1),
        "ends_on": None,
        "tags": ["culture", "museum"],
        "name": ("Музей Свабоднай Беларусі", "Музей Свободной Беларуси", "Museum of Free Belarus"),
        "summary": (
            """Калекцыя рэчаў і іх лічбавых копій, якія сведчаць пра барацьбу беларусаў за
            свабоду. Перадаць экспанат можа кожны, у тым ліку ананімна.""",
            """Коллекция вещей и их цифровых копий, которые свидетельствуют о борьбе
            белорусов за свободу. Передать экспонат может каждый, в том числе анонимно.""",
            """A collection of objects and digital copies that bear witness to Belarusians'
            struggle for freedom. Anyone can donate an exhibit, anonymously if they wish.""",
        ),
        "body": (
            """<p>Музей Свабоднай Беларусі захоўвае памяць пра пратэсты і пра людзей, якія за
            іх заплацілі. Ён збірае:</p>
            <ul>
            <li>сцягі, стужкі, плакаты і іншыя сімвалы пратэстаў;</li>
            <li>фотаздымкі і відэа;</li>
            <li>лісты і малюнкі палітвязняў.</li>
            </ul>
            <p>Калі ў вас ёсць такая рэч або яе лічбавая копія, <strong>напішыце чат-боту
            @NAUsupport</strong>. Называць сваё імя не абавязкова.</p>""",
            """<p>Музей Свободной Беларуси хранит память о протестах и о людях, которые за них
            заплатили. Он собирает:</p>
            <ul>
            <li>флаги, ленты, плакаты и другие символы протестов;</li>
            <li>фотографии и видео;</li>
            <li>письма и рисунки политзаключённых.</li>
            </ul>
            <p>Если у вас есть такая вещь или её цифровая копия, <strong>напишите чат-боту
            @NAUsupport</strong>. Называть своё имя не обязательно.</p>""",
            """<p>The Museum of Free Belarus keeps the memory of the protests and of the people
            who paid for them. It collects:</p>
            <ul>
            <li>flags, ribbons, posters and other symbols of the protests;</li>
            <li>photographs and videos;</li>
            <li>letters and drawings by political prisoners.</li>
            </ul>
            <p>If you have such an object, or a digital copy of one, <strong>write to the
            @NAUsupport chatbot</strong>. You do not have to give your name.</p>""",
        ),
        "links": [
            (("Напісаць @NAUsupport", "Написать @NAUsupport", "Write to @NAUsupport"), CHATBOT),
        ],
    },
    "solidarity-with-the-repressed": {
        "kind": Campaign.Kind.SOLIDARITY,
        "status": Campaign.Status.ACTIVE,
        "starts_on": datetime.date(2020, 8, 10),
        "ends_on": None,
        "tags": ["political prisoners", "solidarity"],
        "name": (
            "Салідарнасць з рэпрэсаванымі",
            "Солидарность с репрессированными",
            "Solidarity with the repressed",
        ),
        "summary": (
            """Дапамога палітвязням, людзям, якіх пераследуюць за погляды, і іх сем'ям праз
            правераныя платформы салідарнасці.""",
            """Помощь политзаключённым, людям, которых преследуют за взгляды, и их семьям через
            проверенные платформы солидарности.""",
            """Help for political prisoners, for people persecuted for their views and for
            their families, through trusted solidarity platforms.""",
        ),
        "body": (
            """<p>Рэпрэсіі не сканчаюцца прысудам: сем'і застаюцца без заробку, людзі
            губляюць працу і вымушаныя з'язджаць з краіны. Платформы салідарнасці збіраюць
            ахвяраванні і перадаюць іх тым, хто мае патрэбу.</p>
            <ul>
            <li><strong>Ахвяруйце</strong> праз платформу, якой давяраеце, хай сабе невялікую
            суму штомесяц.</li>
            <li><strong>Пішыце лісты</strong> палітвязням.</li>
            <li><strong>Распаўсюджвайце</strong> толькі тыя зборы, арганізатараў якіх
            ведаеце.</li>
            </ul>""",
            """<p>Репрессии не заканчиваются приговором: семьи остаются без заработка, люди
            теряют работу и вынуждены уезжать из страны. Платформы солидарности собирают
            пожертвования и передают их тем, кто в них нуждается.</p>
            <ul>
            <li><strong>Жертвуйте</strong> через платформу, которой доверяете, пусть даже
            небольшую сумму каждый месяц.</li>
            <li><strong>Пишите письма</strong> политзаключённым.</li>
            <li><strong>Распространяйте</strong> только те сборы, организаторов которых
            знаете.</li>
            </ul>""",
            """<p>Repression does not end with a sentence: families lose their income, people
            lose their jobs and have to leave the country. Solidarity platforms collect
            donations and pass them on to those in need.</p>
            <ul>
            <li><strong>Donate</strong> through a platform you trust, even a small sum every
            month.</li>
            <li><strong>Write letters</strong> to political prisoners.</li>
            <li><strong>Share</strong> only fundraisers whose organisers you know.</li>
            </ul>""",
        ),
        "links": [
            (
                ("BYSOL: фонд салідарнасці", "BYSOL: фонд солидарности", "BYSOL solidarity fund"),
                BYSOL,
            ),
            (
                (
                    "Dissidentby: дапамога палітвязням",
                    "Dissidentby: помощь политзаключённым",
                    "Dissidentby: help for political prisoners",
                ),
                DISSIDENTBY,
            ),
        ],
    },
    "expert-environment": {
        "kind": Campaign.Kind.EXPERT_DISCUSSIONS,
        "status": Campaign.Status.ACTIVE,
        "starts_on": datetime.date(2021, 11, 1),
        "ends_on": None,
        "tags": ["ExpertEnvironment"],
        "name": (
            "#ЭкспертнаяСреда: экспертныя дыскусіі",
            "#ЭкспертнаяСреда: экспертные дискуссии",
            "#ExpertEnvironment: expert discussions",
        ),
        "summary": (
            """Публічныя дыскусіі, у якіх эксперты і прадстаўнікі дэмакратычных сіл шукаюць
            адказы на пытанні пра будучыню Беларусі.""",
            """Публичные дискуссии, в которых эксперты и представители демократических сил
            ищут ответы на вопросы о будущем Беларуси.""",
            """Public discussions in which experts and representatives of the democratic
            forces look for answers about the future of Belarus.""",
        ),
        "body": (
            """<p>#ЭкспертнаяСреда збірае эканамістаў, юрыстаў, дыпламатаў і прадстаўнікоў
            дэмакратычных сіл, каб абмеркаваць, што спатрэбіцца Новай Беларусі. Сярод
            тэм:</p>
            <ul>
            <li>адносіны з Еўрапейскім саюзам;</li>
            <li>знешняя палітыка пасля дыктатуры;</li>
            <li>пераходны перыяд і рэформы.</li>
            </ul>
            <p>Запісы публікуюцца ў нашым Telegram-канале па тэгу
            <strong>#ЭкспертнаяСреда</strong>, тэкставыя ўрыўкі — на сайце.</p>""",
            """<p>#ЭкспертнаяСреда собирает экономистов, юристов, дипломатов и представителей
            демократических сил, чтобы обсудить, что понадобится Новой Беларуси. Среди
            тем:</p>
            <ul>
            <li>отношения с Европейским союзом;</li>
            <li>внешняя политика после диктатуры;</li>
            <li>переходный период и реформы.</li>
            </ul>
            <p>Записи публикуются в нашем Telegram-канале по тегу
            <strong>#ЭкспертнаяСреда</strong>, текстовые фрагменты — на сайте.</p>""",
            """<p>#ExpertEnvironment brings together economists, lawyers, diplomats and
            representatives of the democratic forces to discuss what a New Belarus will need.
            Topics include:</p>
            <ul>
            <li>relations with the European Union;</li>
            <li>foreign policy after the dictatorship;</li>
            <li>the transition period and reforms.</li>
            </ul>
            <p>Recordings are published in our Telegram channel under the
            <strong>#ЭкспертнаяСреда</strong> tag, with text excerpts on the website.</p>""",
        ),
        "links": [
            (
                (
                    "Глядзець у Telegram-канале",
                    "Смотреть в Telegram-канале",
                    "Watch in our Telegram channel",
                ),
                CHANNEL,
            ),
        ],
    },
    "non-recognition-of-lukashenka": {
        "kind": Campaign.Kind.OTHER,
        "status": Campaign.Status.ACTIVE,
        "starts_on": datetime.date(2020, 9, 23),
        "ends_on": None,
        "tags": ["non-recognition"],
        "name": ("Непрызнанне Лукашэнкі", "Непризнание Лукашенко", "Non-recognition of Lukashenka"),
        "summary": (
            """Праца з парламентамі і ўрадамі, каб Лукашэнку, ягоны ўрад і ягоныя плебісцыты
            не прызнавалі на афіцыйным узроўні.""",
            """Работа с парламентами и правительствами, чтобы Лукашенко, его правительство и
            его плебисциты не признавали на официальном уровне.""",
            """Work with parliaments and governments so that Lukashenka, his government and
            his plebiscites are not recognised at the official level.""",
        ),
        "body": (
            """<p>Пасля скрадзеных выбараў жніўня 2020 года дэмакратычныя сілы просяць іншыя
            краіны ясна заявіць, што Лукашэнка не з'яўляецца легітымным прэзідэнтам.
            Непрызнанне:</p>
            <ul>
            <li>пазбаўляе рэжым легітымнасці, патрэбнай яму для крэдытаў і пагадненняў;</li>
            <li>захоўвае патрабаванне новых свабодных выбараў;</li>
            <li>адкрывае шлях да адказнасці дыктатара як злачынцы.</li>
            </ul>""",
            """<p>После украденных выборов августа 2020 года демократические силы просят
            другие страны ясно заявить, что Лукашенко не является легитимным президентом.
            Непризнание:</p>
            <ul>
            <li>лишает режим легитимности, нужной ему для кредитов и соглашений;</li>
            <li>сохраняет требование новых свободных выборов;</li>
            <li>открывает путь к привлечению диктатора к ответственности как
            преступника.</li>
            </ul>""",
            """<p>Since the stolen election of August 2020, the democratic forces have asked
            other countries to state clearly that Lukashenka is not the legitimate president.
            Non-recognition:</p>
            <ul>
            <li>denies the regime the legitimacy it needs for loans and agreements;</li>
            <li>keeps the demand for new, free elections on the table;</li>
            <li>opens the way to holding the dictator to account as a criminal.</li>
            </ul>""",
        ),
        "links": [
            (
                (
                    "Офіс Святланы Ціханоўскай",
                    "Офис Светланы Тихановской",
                    "Office of Sviatlana Tsikhanouskaya",
                ),
                TSIKHANOUSKAYA,
            ),
        ],
    },
}

# An item is found again by its campaign and its first day: one demo item per
# campaign and start day. The first five are the list of 10 — 23 January 2022;
# the standing ones have no end, so today's list is never empty.
ACTION_ITEMS = {
    "referendum-voice": {
        "campaign": "cross-out-the-referendum",
        "active_from": datetime.date(2022, 1, 10),
        "active_until": datetime.date(2022, 2, 27),
        "position": 1,
        "url": VOICE,
        "text": (
            "Раскажыце іншым пра план на «рэферэндум» і зарэгіструйцеся на платформе «Голас»",
            "Расскажите другим о плане на «референдум» и зарегистрируйтесь на платформе «Голос»",
            "Tell others about the plan for the “referendum” and register on the Voice platform",
        ),
        "explanation": (
            "Чым больш бюлетэняў пацверджана на «Голасе», тым цяжэй рэжыму выдумаць вынік.",
            "Чем больше бюллетеней подтверждено на «Голосе», тем труднее режиму выдумать итог.",
            "The more ballots are confirmed on Voice, the harder it is for the regime to invent "
            "a result.",
        ),
    },
    "sanctions-january": {
        "campaign": "popular-sanctions",
        "active_from": datetime.date(2022, 1, 10),
        "active_until": datetime.date(2022, 1, 23),
        "position": 2,
        "url": "",
        "text": (
            """Зніміце грошы з картак і забярыце дэпазіты з банкаў, купляйце валюту,
            адмоўцеся ад падакцызных і дарагіх тавараў""",
            """Снимите деньги с карт и заберите депозиты из банков, покупайте валюту,
            откажитесь от подакцизных и дорогих товаров""",
            """Take your money off cards and out of bank deposits, buy foreign currency, and
            skip excisable and expensive goods""",
        ),
        "explanation": ("", "", ""),
    },
    "museum-january": {
        "campaign": "museum-of-free-belarus",
        "active_from": datetime.date(2022, 1, 10),
        "active_until": datetime.date(2022, 1, 23),
        "position": 3,
        "url": CHATBOT,
        "text": (
            """Маеце рэч, якая можа стаць экспанатам Музея Свабоднай Беларусі? Напішыце
            чат-боту @NAUsupport""",
            """Есть вещь, которая может стать экспонатом Музея Свободной Беларуси? Напишите
            чат-боту @NAUsupport""",
            """Have something that could become an exhibit of the Museum of Free Belarus?
            Write to the @NAUsupport chatbot""",
        ),
        "explanation": ("", "", ""),
    },
    "solidarity-january": {
        "campaign": "solidarity-with-the-repressed",
        "active_from": datetime.date(2022, 1, 10),
        "active_until": datetime.date(2022, 1, 23),
        "position": 4,
        "url": BYSOL,
        "text": (
            "Падтрымайце пацярпелых ад рэпрэсій праз адну з платформаў салідарнасці",
            "Поддержите пострадавших от репрессий через одну из платформ солидарности",
            "Support people hit by repression through one of the solidarity platforms",
        ),
        "explanation": ("", "", ""),
    },
    "expert-january": {
        "campaign": "expert-environment",
        "active_from": datetime.date(2022, 1, 10),
        "active_until": datetime.date(2022, 1, 23),
        "position": 5,
        "url": CHANNEL,
        "text": (
            """Азнаёмцеся з матэрыяламі праекта #ЭкспертнаяСреда ў нашым Telegram-канале (па
            тэгу) і на сайце""",
            """Изучите материалы проекта #ЭкспертнаяСреда в нашем Telegram-канале (по тегу) и
            на сайте""",
            """Study the #ExpertEnvironment materials in our Telegram channel (search for the
            tag) and on the website""",
        ),
        "explanation": ("", "", ""),
    },
    "sanctions-standing": {
        "campaign": "popular-sanctions",
        "active_from": datetime.date(2021, 10, 1),
        "active_until": None,
        "position": 2,
        "url": "",
        "text": (
            """Працягвайце народныя санкцыі: не трымайце зберажэнні ў дзяржаўных банках і не
            купляйце тавары, якія напаўняюць бюджэт рэжыму""",
            """Продолжайте народные санкции: не держите сбережения в государственных банках и
            не покупайте товары, которые наполняют бюджет режима""",
            """Keep up popular sanctions: keep your savings out of state banks and don't buy
            goods that fill the regime's budget""",
        ),
        "explanation": (
            "Акцызы на алкаголь, тытунь і паліва — адна з крыніц грошай на рэпрэсіі.",
            "Акцизы на алкоголь, табак и топливо — один из источников денег на репрессии.",
            "Excise duty on alcohol, tobacco and fuel is one of the sources that pay for "
            "repression.",
        ),
    },
    "museum-standing": {
        "campaign": "museum-of-free-belarus",
        "active_from": datetime.date(2021, 9, 1),
        "active_until": None,
        "position": 3,
        "url": CHATBOT,
        "text": (
            """Перадайце Музею Свабоднай Беларусі экспанат пра барацьбу беларусаў за свабоду:
            напішыце @NAUsupport, можна ананімна""",
            """Передайте Музею Свободной Беларуси экспонат о борьбе белорусов за свободу:
            напишите @NAUsupport, можно анонимно""",
            """Give the Museum of Free Belarus an exhibit about Belarusians' fight for
            freedom: write to @NAUsupport, anonymously if you prefer""",
        ),
        "explanation": (
            "Падыдзе і сама рэч, і яе фотаздымак або лічбавая копія.",
            "Подойдёт и сама вещь, и её фотография или цифровая копия.",
            "The object itself will do, and so will a photograph or a digital copy of it.",
        ),
    },
    "solidarity-standing": {
        "campaign": "solidarity-with-the-repressed",
        "active_from": datetime.date(2021, 1, 1),
        "active_until": None,
        "position": 4,
        "url": BYSOL,
        "text": (
            "Дапамагайце палітвязням і іх сем'ям праз платформу салідарнасці, якой давяраеце",
            "Помогайте политзаключённым и их семьям через платформу солидарности, которой "
            "доверяете",
            "Help political prisoners and their families through a solidarity platform you trust",
        ),
        "explanation": (
            "Невялікае, але рэгулярнае ахвяраванне дапамагае больш за разавае.",
            "Небольшое, но регулярное пожертвование помогает больше разового.",
            "A small regular donation helps more than a one-off gift.",
        ),
    },
    "expert-standing": {
        "campaign": "expert-environment",
        "active_from": datetime.date(2021, 12, 1),
        "active_until": None,
        "position": 5,
        "url": CHANNEL,
        "text": (
            "Глядзіце і чытайце дыскусіі #ЭкспертнаяСреда пра будучыню Беларусі",
            "Смотрите и читайте дискуссии #ЭкспертнаяСреда о будущем Беларуси",
            "Watch and read the #ExpertEnvironment discussions about the future of Belarus",
        ),
        "explanation": ("", "", ""),
    },
}

AMBASSADOR_TOPICS = [
    (
        "Пазіцыя дэмакратычных сіл адносна «рэферэндуму» і важнасць яго афіцыйнага непрызнання",
        "Позиция демократических сил по «референдуму» и важность его официального непризнания",
        "The democratic forces' position on the “referendum” and why its official "
        "non-recognition matters",
    ),
    (
        "Пагроза незалежнасці Беларусі на фоне абвастрэння расійска-ўкраінскага канфлікту",
        "Угроза независимости Беларуси на фоне обострения российско-украинского конфликта",
        "The threat to Belarus's independence as the Russian–Ukrainian conflict escalates",
    ),
    (
        "Захаванне беларускай тэмы ў міжнародным парадку дня",
        "Сохранение белорусской темы в международной повестке",
        "Keeping Belarus on the international agenda",
    ),
    (
        "Галоўныя кірункі працы: непрызнанне Лукашэнкі, прызнанне дыктатара злачынцам, "
        "санкцыйны ціск",
        "Основные направления работы: непризнание Лукашенко, признание диктатора "
        "преступником, санкционное давление",
        "Main lines of work: non-recognition of Lukashenka, recognising the dictator as a "
        "criminal, pressure through sanctions",
    ),
]

WARSAW = ("Варшава", "Варшава", "Warsaw")

# A meeting is found again by its date and the counterpart's country.
MEETINGS = {
    "swiss-ambassador": {
        "date": datetime.date(2022, 1, 12),
        "country": "CH",
        "is_public": True,
        "place": WARSAW,
        "counterpart_name": ("Якаб Дзюр", "Якоб Дюрр", "Jakob Duerr"),
        "counterpart_title": (
            "Пасол Швейцарыі ў Польшчы",
            "Посол Швейцарии в Польше",
            "Ambassador of Switzerland to Poland",
        ),
        "counterpart_organisation": (
            "Пасольства Швейцарыі ў Польшчы",
            "Посольство Швейцарии в Польше",
            "Embassy of Switzerland in Poland",
        ),
        "topics": [
            *AMBASSADOR_TOPICS,
            (
                "Палітвязні, у тым ліку грамадзянка Швейцарыі Наталля Хершэ",
                "Политзаключённые, в том числе гражданка Швейцарии Наталья Херше",
                "Political prisoners, among them the Swiss citizen Natalia Hersche",
            ),
        ],
        "notes": (
            """<p>Асаблівую ўвагу ўдзялілі палітвязням, сярод якіх і грамадзянка Швейцарыі
            <strong>Наталля Хершэ</strong>.</p>""",
            """<p>Особое внимание уделили политзаключённым, среди которых и гражданка
            Швейцарии <strong>Наталья Херше</strong>.</p>""",
            """<p>Particular attention went to political prisoners, among them the Swiss
            citizen <strong>Natalia Hersche</strong>.</p>""",
        ),
        "campaigns": [
            "cross-out-the-referendum",
            "non-recognition-of-lukashenka",
            "solidarity-with-the-repressed",
        ],
    },
    "swedish-ambassador": {
        "date": datetime.date(2022, 1, 18),
        "country": "SE",
        "is_public": True,
        "place": WARSAW,
        "counterpart_name": ("Стэфан Гульгрэн", "Стефан Гулльгрен", "Stefan Gullgren"),
        "counterpart_title": (
            "Пасол Швецыі ў Польшчы",
            "Посол Швеции в Польше",
            "Ambassador of Sweden to Poland",
        ),
        "counterpart_organisation": (
            "Пасольства Швецыі ў Польшчы",
            "Посольство Швеции в Польше",
            "Embassy of Sweden in Poland",
        ),
        "topics": AMBASSADOR_TOPICS,
        "notes": (
            """<p>Павел Латушка выклаў пазіцыю дэмакратычных сіл напярэдадні «рэферэндуму» і
            галоўныя кірункі працы НАУ.</p>""",
            """<p>Павел Латушко изложил позицию демократических сил накануне «референдума» и
            основные направления работы НАУ.</p>""",
            """<p>Pavel Latushka set out the democratic forces' position ahead of the
            “referendum” and the main lines of the NAM's work.</p>""",
        ),
        "campaigns": ["cross-out-the-referendum", "non-recognition-of-lukashenka"],
    },
    "culture-month-partners": {
        "date": datetime.date(2022, 1, 20),
        "country": "PL",
        "is_public": False,
        "place": ("Анлайн", "Онлайн", "Online"),
        "counterpart_name": (
            "Партнёрскія культурныя ініцыятывы",
            "Партнёрские культурные инициативы",
            "Partner cultural initiatives",
        ),
        "counterpart_title": ("", "", ""),
        "counterpart_organisation": ("", "", ""),
        "topics": [
            (
                "Пляцоўкі Месяца беларускай культуры ў гарадах Польшчы",
                "Площадки Месяца белорусской культуры в городах Польши",
                "Venues for the Month of Belarusian Culture in Polish cities",
            ),
            (
                "Праезд і размяшчэнне ўдзельнікаў",
                "Проезд и размещение участников",
                "Travel and accommodation for participants",
            ),
        ],
        "notes": (
            "<p>Унутраная нарада: арганізацыя Месяца беларускай культуры. Не для публікацыі.</p>",
            "<p>Внутреннее совещание: организация Месяца белорусской культуры. Не для "
            "публикации.</p>",
            "<p>Internal: organising the Month of Belarusian Culture. Not for publication.</p>",
        ),
        "campaigns": [],
    },
}

SAMPLE_DIGEST = {
    "period": (datetime.date(2022, 1, 10), datetime.date(2022, 1, 23)),
    "published_at": datetime.datetime(2022, 1, 24, 10, 0, tzinfo=MINSK),
    "tags": ["referendum", "non-recognition", "sanctions", "culture", "ExpertEnvironment"],
    "actions": [
        "referendum-voice",
        "sanctions-january",
        "museum-january",
        "solidarity-january",
        "expert-january",
    ],
    "headline": (
        """Рыхтуемся закрэсліць «рэферэндум», дамагаемся непрызнання Лукашэнкі і рыхтуем
        Месяц беларускай культуры ў Польшчы""",
        """Готовимся перечеркнуть «референдум», добиваемся непризнания Лукашенко и готовим
        Месяц белорусской культуры в Польше""",
        """Getting ready to cross out the “referendum”, pressing for non-recognition of
        Lukashenka, and a Month of Belarusian Culture in Poland""",
    ),
    "lead": (
        """Дэмакратычныя сілы дамовіліся пра агульны план дзеянняў на так званым
        «рэферэндуме» і заклікаюць кожнага ўдзельнічаць і агітаваць іншых. За мяжой
        працягваецца праца дзеля непрызнання Лукашэнкі, яго ўраду і яго плебісцыту, а НАУ
        разам з пасольствам Аўстрыі ў Варшаве абвясцілі Месяц беларускай культуры ў
        Польшчы.""",
        """Демократические силы договорились о едином плане действий на так называемом
        «референдуме» и призывают каждого участвовать и агитировать других. За рубежом
        продолжается работа по непризнанию Лукашенко, его правительства и его плебисцита, а
        НАУ вместе с посольством Австрии в Варшаве объявили Месяц белорусской культуры в
        Польше.""",
        """The democratic forces agreed on one plan for the so-called referendum and ask
        everyone to take part and bring others along. Abroad, the work for the
        non-recognition of Lukashenka, his government and his plebiscite goes on, and the
        NAM and the Austrian embassy in Warsaw announced a Month of Belarusian Culture in
        Poland.""",
    ),
    "closing_call": (
        """<p>Перамога над дыктатурай — справа кожнага з нас. Вось што вы можаце
        зрабіць:</p>
        <ul>
        <li><strong>Падрыхтуйцеся да «рэферэндуму»</strong> і падзяліцеся планам з іншымі:
        прыйдзіце на ўчастак, пастаўце крыжыкі насупраць усіх варыянтаў, сфатаграфуйце
        бюлетэнь з абодвух бакоў, апусціце яго ў скрыню і пацвердзіце свой голас на
        «Голасе».</li>
        <li><strong>Працягвайце народныя санкцыі:</strong> здымайце грошы з картак і
        забірайце дэпазіты, выбірайце валюту і адмаўляйцеся ад падакцызных і дарагіх
        тавараў.</li>
        <li><strong>Перадайце Музею Свабоднай Беларусі экспанат</strong> пра барацьбу
        беларусаў за свабоду: калі ў вас ёсць такая рэч або яе лічбавая копія, напішыце
        @NAUsupport — можна ананімна.</li>
        <li><strong>Дапамагайце ахвярам палітычных рэпрэсій</strong> праз зручную для вас
        платформу.</li>
        <li><strong>Чытайце дыскусіі #ЭкспертнаяСреда.</strong></li>
        </ul>""",
        """<p>Победа над диктатурой — дело каждого из нас. Вот что вы можете сделать:</p>
        <ul>
        <li><strong>Подготовьтесь к «референдуму»</strong> и поделитесь планом с другими:
        придите на участок, поставьте крестики напротив всех вариантов, сфотографируйте
        бюллетень с обеих сторон, опустите его в урну и подтвердите свой голос на
        «Голосе».</li>
        <li><strong>Продолжайте народные санкции:</strong> снимайте деньги с карт и
        забирайте депозиты, выбирайте валюту и отказывайтесь от подакцизных и дорогих
        товаров.</li>
        <li><strong>Передайте Музею Свободной Беларуси экспонат</strong> о борьбе белорусов
        за свободу: если у вас есть такая вещь или её цифровая копия, напишите @NAUsupport
        — можно анонимно.</li>
        <li><strong>Помогайте жертвам политических репрессий</strong> через удобную для вас
        платформу.</li>
        <li><strong>Читайте дискуссии #ЭкспертнаяСреда.</strong></li>
        </ul>""",
        """<p>Defeating the dictatorship is up to each of us. Here is what you can do:</p>
        <ul>
        <li><strong>Get ready for the “referendum”</strong> and share the plan: go to the
        polling station, put a cross next to every option, photograph both sides of the
        ballot, drop it in the box and confirm your vote on Voice.</li>
        <li><strong>Keep up popular sanctions:</strong> take your money off cards and out
        of deposits, choose foreign currency and turn down excisable and expensive
        goods.</li>
        <li><strong>Give the Museum of Free Belarus an exhibit</strong> that tells of
        Belarusians' fight for freedom: if you have an object or a digital copy of one,
        write to @NAUsupport — you can stay anonymous.</li>
        <li><strong>Help victims of political repression</strong> through whichever
        platform suits you.</li>
        <li><strong>Read the #ExpertEnvironment discussions.</strong></li>
        </ul>""",
    ),
    "sections": [
        {
            "kind": Section.Kind.CAMPAIGN_UPDATE,
            "campaign": "cross-out-the-referendum",
            "tags": ["referendum", "Voice"],
            "heading": (
                "Закрэслім «рэферэндум»!",
                "Перечеркнём «референдум»!",
                "Let's cross out the “referendum”!",
            ),
            "body": (
                """<p>Лукашэнка, які не мае на гэта права, прызначыў на 27 лютага
                «рэферэндум» аб зменах у Канстытуцыю. Дэмакратычныя сілы ўзгаднілі агульны
                план для прыхільнікаў сапраўдных пераменаў — а не тых, якіх хоча дыктатар, —
                і прадставілі яго разам з дзеяннямі ў адказ на прэс-канферэнцыі.</p>
                <p>Наш заклік не змяніўся:</p>
                <ul>
                <li><strong>Прыйдзіце на ўчастак і закрэсліце бюлетэнь:</strong> пастаўце
                крыжык насупраць кожнага варыянта адказу.</li>
                <li><strong>Сфатаграфуйце бюлетэнь з абодвух бакоў</strong>, апусціце яго ў
                скрыню і пацвердзіце свой голас на платформе «Голас» — зарэгіструйцеся там
                ужо цяпер.</li>
                <li><strong>Распавядзіце пра план</strong> людзям вакол сябе тым спосабам,
                які для вас бяспечны і зручны.</li>
                </ul>
                <p>Больш пра план — на <a href="https://belarus2020.org">платформе
                «Голас»</a>.</p>""",
                """<p>Лукашенко, у которого нет на это права, назначил на 27 февраля
                «референдум» о поправках в Конституцию. Демократические силы согласовали
                общий план для сторонников настоящих перемен — а не тех, которых хочет
                диктатор, — и представили его вместе с ответными действиями на
                пресс-конференции.</p>
                <p>Наш призыв не изменился:</p>
                <ul>
                <li><strong>Придите на участок и перечеркните бюллетень:</strong> поставьте
                крестик напротив каждого варианта ответа.</li>
                <li><strong>Сфотографируйте бюллетень с обеих сторон</strong>, опустите его
                в урну и подтвердите свой голос на платформе «Голос» — зарегистрируйтесь там
                уже сейчас.</li>
                <li><strong>Расскажите о плане</strong> людям вокруг себя так, как вам
                безопасно и удобно.</li>
                </ul>
                <p>Подробнее о плане — на <a href="https://belarus2020.org">платформе
                «Голос»</a>.</p>""",
                """<p>Lukashenka, who has no right to do so, has called a “referendum” on
                amendments to the Constitution for 27 February. The democratic forces agreed
                on a joint plan for supporters of real change — not the change the dictator
                wants — and presented it, with the response actions, at a press
                conference.</p>
                <p>What we ask of you has not changed:</p>
                <ul>
                <li><strong>Go to the polling station and cross the ballot out:</strong> put
                a cross next to every answer.</li>
                <li><strong>Photograph both sides of the ballot</strong>, drop it in the box
                and confirm your vote on the Voice platform — register there now, before
                voting day.</li>
                <li><strong>Pass the plan on</strong> to the people around you in whatever
                way is safe and convenient for you.</li>
                </ul>
                <p>More about the plan on the <a href="https://belarus2020.org">Voice
                platform</a>.</p>""",
            ),
        },
        {
            "kind": Section.Kind.INTERNATIONAL,
            "campaign": "non-recognition-of-lukashenka",
            "tags": ["non-recognition", "France"],
            "heading": (
                "Непрызнанне дыктатара",
                "Непризнание диктатора",
                "Non-recognition of the dictator",
            ),
            "body": (
                """<p>Закрэсліць «рэферэндум» — гэта толькі частка працы. Мы працягваем
                дамагацца, каб Лукашэнку, яго ўрад і яго плебісцыт не прызнавалі за мяжой на
                афіцыйным узроўні, — і на гэтым шляху ёсць новы поспех.</p>
                <p>У рэзалюцыі Нацыянальнага сходу Францыі ад 17 студзеня, якая стала вынікам
                снежаньскага працоўнага візіту прадстаўнікоў НАУ ў гэтую краіну, Лукашэнка
                прама названы непрызнаным прэзідэнтам. Пра непрызнанне заявіў і міністр
                замежных спраў Францыі Жан-Іў Ле Дрыян. Рэзалюцыя таксама:</p>
                <ul>
                <li>прапануе стварыць міжнародную групу для працы з беларускімі
                дэмакратычнымі сіламі;</li>
                <li>рашуча асуджае рэпрэсіі і катаванні, прымусовую пасадку самалёта Ryanair і
                міграцыйны крызіс на мяжы;</li>
                <li>патрабуе вызваліць палітвязняў і правесці новыя прэзідэнцкія выбары пад
                эгідай АБСЕ.</li>
                </ul>""",
                """<p>Перечеркнуть «референдум» — лишь часть работы. Мы продолжаем добиваться,
                чтобы Лукашенко, его правительство и его плебисцит не признавали за рубежом на
                официальном уровне, — и на этом пути есть новый успех.</p>
                <p>В резолюции Национального собрания Франции от 17 января, ставшей итогом
                декабрьского рабочего визита представителей НАУ в эту страну, Лукашенко прямо
                назван непризнанным президентом. О непризнании заявил и министр иностранных
                дел Франции Жан-Ив Ле Дриан. Резолюция также:</p>
                <ul>
                <li>предлагает создать международную группу для работы с белорусскими
                демократическими силами;</li>
                <li>решительно осуждает репрессии и пытки, принудительную посадку самолёта
                Ryanair и миграционный кризис на границе;</li>
                <li>требует освободить политзаключённых и провести новые президентские выборы
                под эгидой ОБСЕ.</li>
                </ul>""",
                """<p>Crossing out the “referendum” is only part of the work. We keep pressing
                for Lukashenka, his government and his plebiscite not to be recognised abroad
                at the official level — and there is new progress.</p>
                <p>The resolution of the French National Assembly of 17 January, which
                followed the working visit of NAM representatives to France in December,
                calls Lukashenka an unrecognised president in so many words. France's
                Foreign Minister, Jean-Yves Le Drian, also spoke of non-recognition. The
                resolution also:</p>
                <ul>
                <li>proposes an international group to work with the Belarusian democratic
                forces;</li>
                <li>firmly condemns repression and torture, the forced landing of the Ryanair
                plane and the refugee crisis on the border;</li>
                <li>demands the release of political prisoners and new presidential elections
                under the auspices of the OSCE.</li>
                </ul>""",
            ),
        },
        {
            "kind": Section.Kind.STATEMENT,
            "campaign": "non-recognition-of-lukashenka",
            "tags": ["non-recognition", "sanctions"],
            "heading": (
                "Знешні палітычны ціск",
                "Внешнее политическое давление",
                "External political pressure",
            ),
            "body": (
                """<p>НАУ, Офіс Святланы Ціханоўскай і Каардынацыйная рада накіравалі
                сумесны зварот палітыкам і чыноўнікам ЕС, ЗША, Вялікабрытаніі і АБСЕ. У ім
                яны заклікаюць:</p>
                <ul>
                <li>афіцыйна заявіць, што Лукашэнка не мае права праводзіць «рэферэндум», каб
                пазбавіць яго палітычнага і прававога значэння, і даць дыктатару зразумець,
                што аднавіць яго легітымнасць немагчыма;</li>
                <li>абвясціць гатоўнасць узмацніць санкцыі, калі рэжым працягне пераслед
                іншадумцаў;</li>
                <li>яшчэ раз публічна падтрымаць галоўныя патрабаванні беларусаў, у тым ліку
                вызваленне палітвязняў і новыя выбары.</li>
                </ul>
                <p>Поўны тэкст звароту — на <a href="https://tsikhanouskaya.org">сайце
                Святланы Ціханоўскай</a>.</p>""",
                """<p>НАУ, Офис Светланы Тихановской и Координационный совет направили
                совместное обращение политикам и чиновникам ЕС, США, Великобритании и ОБСЕ.
                В нём они призывают:</p>
                <ul>
                <li>официально заявить, что Лукашенко не вправе проводить «референдум», чтобы
                лишить его политического и правового значения, и дать диктатору понять, что
                восстановить его легитимность невозможно;</li>
                <li>объявить о готовности усилить санкции, если режим продолжит преследовать
                инакомыслящих;</li>
                <li>ещё раз публично поддержать ключевые требования белорусов, в том числе
                освобождение политзаключённых и новые выборы.</li>
                </ul>
                <p>Полный текст обращения — на <a href="https://tsikhanouskaya.org">сайте
                Светланы Тихановской</a>.</p>""",
                """<p>The NAM, the Office of Sviatlana Tsikhanouskaya and the Coordination
                Council sent a joint appeal to politicians and officials of the EU, the United
                States, the United Kingdom and the OSCE. They ask them to:</p>
                <ul>
                <li>state officially that Lukashenka has no right to hold a “referendum”, so
                that it carries no political or legal weight, and make clear to the dictator
                that his legitimacy cannot be restored;</li>
                <li>declare that they are ready to tighten sanctions if the regime keeps
                persecuting those who disagree with it;</li>
                <li>once more publicly back the key demands of Belarusians, among them the
                release of political prisoners and new elections.</li>
                </ul>
                <p>The full appeal is on <a href="https://tsikhanouskaya.org">Sviatlana
                Tsikhanouskaya's website</a>.</p>""",
            ),
        },
        {
            "kind": Section.Kind.PARTNER_MEETING,
            "campaign": None,
            "meetings": ["swiss-ambassador", "swedish-ambassador"],
            "tags": ["partners", "political prisoners"],
            "heading": ("Праца з партнёрамі", "Работа с партнёрами", "Working with partners"),
            "body": (
                """<p>Кіраўнік НАУ Павел Латушка сустрэўся з пасламі Швейцарыі і Швецыі ў
                Польшчы Якабам Дзюрам і Стэфанам Гульгрэнам. Ён расказаў суразмоўцам
                пра:</p>
                <ul>
                <li>пазіцыю дэмакратычных сіл адносна «рэферэндуму» і важнасць яго
                афіцыйнага непрызнання;</li>
                <li>пагрозу незалежнасці Беларусі на фоне абвастрэння расійска-ўкраінскага
                канфлікту;</li>
                <li>неабходнасць утрымліваць беларускую тэму ў сусветным парадку дня;</li>
                <li>галоўныя кірункі бягучай працы: непрызнанне Лукашэнкі і яго ўраду,
                прызнанне дыктатара злачынцам, санкцыйны ціск.</li>
                </ul>
                <p>У размове з паслом Швейцарыі асаблівую ўвагу ўдзялілі палітвязням, сярод
                якіх і грамадзянка гэтай краіны Наталля Хершэ.</p>""",
                """<p>Руководитель НАУ Павел Латушко встретился с послами Швейцарии и Швеции в
                Польше Якобом Дюрром и Стефаном Гулльгреном. Он рассказал собеседникам:</p>
                <ul>
                <li>о позиции демократических сил по «референдуму» и важности его
                официального непризнания;</li>
                <li>об угрозе независимости Беларуси на фоне обострения
                российско-украинского конфликта;</li>
                <li>о необходимости удерживать белорусскую тему в мировой повестке;</li>
                <li>об основных направлениях текущей работы: непризнание Лукашенко и его
                правительства, признание диктатора преступником, санкционное давление.</li>
                </ul>
                <p>В разговоре с послом Швейцарии особое внимание уделили политзаключённым,
                среди которых и гражданка этой страны Наталья Херше.</p>""",
                """<p>Pavel Latushka, head of the NAM, met the ambassadors of Switzerland and
                Sweden in Poland, Jakob Duerr and Stefan Gullgren. He briefed them on:</p>
                <ul>
                <li>the democratic forces' position on the “referendum” and why it matters
                that it is not recognised officially;</li>
                <li>the threat to Belarus's independence as the Russian–Ukrainian conflict
                escalates;</li>
                <li>the need to keep Belarus on the world's agenda;</li>
                <li>the main lines of current work: non-recognition of Lukashenka and his
                government, recognising the dictator as a criminal, and pressure through
                sanctions.</li>
                </ul>
                <p>With the Swiss ambassador, particular attention went to political
                prisoners, among them a citizen of Switzerland, Natalia Hersche.</p>""",
            ),
        },
        {
            "kind": Section.Kind.EVENT,
            "campaign": None,
            "tags": ["culture"],
            "heading": (
                "Месяц беларускай культуры",
                "Месяц белорусской культуры",
                "Month of Belarusian Culture",
            ),
            "body": (
                """<p>НАУ і пасольства Аўстрыі прадставілі план Месяца беларускай культуры ў
                Польшчы: ён пройдзе з 6 чэрвеня па 7 ліпеня, а галоўнай пляцоўкай стане
                Аўстрыйскі дом культуры ў Варшаве. Акрамя папулярызацыі роднай культуры,
                арганізатары хочуць падтрымаць рэпрэсаваных дзеячаў, якія вымушана апынуліся
                ў эміграцыі.</p>
                <p>У розных гарадах Польшчы плануюцца канцэрты, выставы, кінапаказы,
                тэатральныя падзеі, літаратурныя вечарыны, перформансы, лекцыі і
                майстар-класы. Праект ужо падтрымалі пасольствы краін ЕС, ЗША, Швейцарыі і
                іншых дзяржаў, а НАУ запрашае далучацца новых партнёраў і культурныя
                ініцыятывы.</p>""",
                """<p>НАУ и посольство Австрии представили план Месяца белорусской культуры в
                Польше: он пройдёт с 6 июня по 7 июля, а главной площадкой станет Австрийский
                дом культуры в Варшаве. Помимо популяризации родной культуры, организаторы
                хотят поддержать репрессированных деятелей, которые вынужденно оказались в
                эмиграции.</p>
                <p>В разных городах Польши запланированы концерты, выставки, кинопоказы,
                театральные события, литературные вечера, перформансы, лекции и
                мастер-классы. Проект уже поддержали посольства стран ЕС, США, Швейцарии и
                других государств, а НАУ приглашает присоединиться новых партнёров и
                культурные инициативы.</p>""",
                """<p>The NAM and the Austrian embassy presented plans for a Month of
                Belarusian Culture in Poland, from 6 June to 7 July, based at the Austrian
                House of Culture in Warsaw. Besides bringing Belarusian culture to a wider
                audience, the organisers want to support repressed artists who have been
                forced into exile.</p>
                <p>Concerts, exhibitions, film screenings, theatre, literary evenings,
                performances, lectures and workshops are planned in several Polish cities.
                Embassies of EU countries, the United States, Switzerland and others have
                already backed the project, and the NAM welcomes new partners and cultural
                initiatives.</p>""",
            ),
        },
        {
            "kind": Section.Kind.STATEMENT,
            "campaign": "popular-sanctions",
            "tags": ["sanctions", "Yara"],
            "heading": ("Пазіцыя адносна Yara", "Позиция по Yara", "Our position on Yara"),
            "body": (
                """<p>Нарвежская кампанія Yara абвясціла, што з-за санкцый з 1 красавіка
                спыняе закупкі ўгнаенняў у «Беларуськалія». НАУ вітае любы эканамічны ціск на
                рэжым, але звяртае ўвагу на наступнае:</p>
                <ul>
                <li>кіраўніцтва Yara не спыніла цалкам кантакты з дыктатурай і прыкрываецца
                абаронай правоў работнікаў — тым часам з «Беларуськалія» звольнілі амаль 150
                чалавек, яго супрацоўнікі правялі пад арыштам каля тысячы сутак, супраць
                дзясяткаў людзей завялі крымінальныя і адміністрацыйныя справы, складаюцца
                «спісы ненадзейных»;</li>
                <li>НАУ трымаецца сваёй прынцыповай пазіцыі, якую не раз агучвала, у тым ліку
                нарвежскім палітыкам і чыноўнікам: любы бізнес са злачынным рэжымам — гэта
                яго падтрымка;</li>
                <li>НАУ будзе адсочваць спробы абысці санкцыі і рабіць іх публічнымі.</li>
                </ul>""",
                """<p>Норвежская компания Yara объявила, что из-за санкций с 1 апреля
                прекращает закупки удобрений у «Беларуськалия». НАУ приветствует любое
                экономическое давление на режим, но обращает внимание на следующее:</p>
                <ul>
                <li>руководство Yara не прекратило полностью контакты с диктатурой и
                прикрывается защитой прав работников — тем временем из «Беларуськалия»
                уволили почти 150 человек, его сотрудники провели под арестом около тысячи
                суток, против десятков человек возбуждены уголовные и административные дела,
                составляются «списки неблагонадёжных»;</li>
                <li>НАУ придерживается своей принципиальной позиции, которую не раз
                озвучивало, в том числе норвежским политикам и чиновникам: любой бизнес с
                преступным режимом — это его поддержка;</li>
                <li>НАУ будет отслеживать попытки обойти санкции и предавать их
                огласке.</li>
                </ul>""",
                """<p>The Norwegian company Yara announced that, because of sanctions, it will
                stop buying fertiliser from Belaruskali from 1 April. The NAM welcomes any
                economic pressure on the regime, but points out that:</p>
                <ul>
                <li>Yara's management has not broken off all contact with the dictatorship
                and hides behind the protection of workers' rights — while nearly 150 people
                have been dismissed from Belaruskali, its workers have spent about a thousand
                days under arrest between them, dozens face criminal or administrative cases,
                and lists of the “unreliable” are kept;</li>
                <li>the NAM holds to the position it has stated many times, including to
                Norwegian politicians and officials: doing business with a criminal regime
                means supporting it;</li>
                <li>the NAM will keep track of attempts to get around sanctions and make them
                public.</li>
                </ul>""",
            ),
        },
        {
            "kind": Section.Kind.EXPERT_DISCUSSION,
            "campaign": "expert-environment",
            "tags": ["ExpertEnvironment"],
            "heading": ("Экспертныя дыскусіі", "Экспертные дискуссии", "Expert discussions"),
            "body": (
                """<p>На пляцоўцы #ЭкспертнаяСреда з удзелам прадстаўнікоў НАУ прайшлі дзве
                новыя дыскусіі: «Партнёрства з ЕС: кароткатэрміновыя і доўгатэрміновыя
                перспектывы» і «Знешняя палітыка Новай Беларусі: ад пераходнага перыяду да
                ўстойлівай дэмакратыі».</p>
                <p>Эксперты шукалі адказы на такія пытанні:</p>
                <ul>
                <li>Ці будзе новая «адліга» ў адносінах Беларусі і Еўропы і ці гатовыя да яе
                еўрапейскія палітыкі?</li>
                <li>Ці ёсць у ЕС яснае бачанне Беларусі ў далёкай будучыні?</li>
                <li>Якая мадэль супрацы з ЕС адпавядае нацыянальным інтарэсам Беларусі?</li>
                <li>Як будаваць знешнюю палітыку пасля перамогі над дыктатурай?</li>
                </ul>
                <p>Відэазапісы — у нашым <a href="https://t.me/example_newsroom">Telegram-канале</a>
                па тэгу #ЭкспертнаяСреда, урыўкі ў тэкставым фармаце — на сайце НАУ.</p>""",
                """<p>На площадке #ЭкспертнаяСреда с участием представителей НАУ прошли две
                новые дискуссии: «Партнёрство с ЕС: краткосрочные и долгосрочные перспективы»
                и «Внешняя политика Новой Беларуси: от переходного периода к устойчивой
                демократии».</p>
                <p>Эксперты искали ответы на такие вопросы:</p>
                <ul>
                <li>Будет ли новая «оттепель» в отношениях Беларуси и Европы и готовы ли к ней
                европейские политики?</li>
                <li>Есть ли у ЕС ясное видение Беларуси в отдалённом будущем?</li>
                <li>Какая модель сотрудничества с ЕС отвечает национальным интересам
                Беларуси?</li>
                <li>Как строить внешнюю политику после победы над диктатурой?</li>
                </ul>
                <p>Видеозаписи — в нашем <a href="https://t.me/example_newsroom">Telegram-канале</a>
                по тегу #ЭкспертнаяСреда, фрагменты в текстовом формате — на сайте НАУ.</p>""",
                """<p>Two new discussions with NAM representatives took place on the
                #ExpertEnvironment platform: “Partnership with the EU in the short and the
                long term” and “The foreign policy of a New Belarus: from the transition
                period to a lasting democracy”.</p>
                <p>The experts looked for answers to questions such as:</p>
                <ul>
                <li>Will there be another “thaw” between Belarus and Europe, and are European
                politicians ready for one?</li>
                <li>Does the EU have a clear idea of where Belarus should be in the long
                run?</li>
                <li>What model of cooperation with the EU would serve Belarus's national
                interests?</li>
                <li>How should foreign policy be built once the dictatorship is gone?</li>
                </ul>
                <p>Video recordings are in our <a href="https://t.me/example_newsroom">Telegram
                channel</a> under the #ЭкспертнаяСреда tag; text excerpts are on the NAM
                website.</p>""",
            ),
        },
    ],
}

EARLIER_DIGEST = {
    "period": (datetime.date(2021, 12, 27), datetime.date(2022, 1, 9)),
    "published_at": datetime.datetime(2022, 1, 10, 10, 0, tzinfo=MINSK),
    "tags": ["sanctions", "political prisoners", "museum"],
    "actions": ["sanctions-standing", "solidarity-standing", "museum-standing"],
    "headline": (
        "Святы без падарункаў рэжыму: народныя санкцыі, лісты палітвязням і музей нашай барацьбы",
        "Праздники без подарков режиму: народные санкции, письма политзаключённым и музей "
        "нашей борьбы",
        "Holidays without gifts to the regime: popular sanctions, letters to political "
        "prisoners and a museum of our struggle",
    ),
    "lead": (
        """На навагоднія святы мы заклікалі прыхільнікаў пераменаў не папаўняць казну рэжыму
        святочнымі выдаткамі, памятаць пра палітвязняў і дапамагчы Музею Свабоднай Беларусі
        збіраць сведчанні барацьбы.""",
        """На новогодние праздники мы призывали сторонников перемен не пополнять казну режима
        праздничными тратами, помнить о политзаключённых и помочь Музею Свободной Беларуси
        собирать свидетельства борьбы.""",
        """Over the New Year holidays we asked supporters of change not to let their festive
        spending fill the regime's coffers, to remember political prisoners and to help the
        Museum of Free Belarus collect evidence of the struggle.""",
    ),
    "closing_call": (
        """<p>Перамога — справа кожнага з нас:</p>
        <ul>
        <li>працягвайце народныя санкцыі;</li>
        <li>пішыце палітвязням;</li>
        <li>перадайце экспанат Музею Свабоднай Беларусі праз @NAUsupport.</li>
        </ul>""",
        """<p>Победа — дело каждого из нас:</p>
        <ul>
        <li>продолжайте народные санкции;</li>
        <li>пишите политзаключённым;</li>
        <li>передайте экспонат Музею Свободной Беларуси через @NAUsupport.</li>
        </ul>""",
        """<p>Victory is the business of each of us:</p>
        <ul>
        <li>keep up popular sanctions;</li>
        <li>write to political prisoners;</li>
        <li>give the Museum of Free Belarus an exhibit through @NAUsupport.</li>
        </ul>""",
    ),
    "sections": [
        {
            "kind": Section.Kind.CAMPAIGN_UPDATE,
            "campaign": "popular-sanctions",
            "tags": ["sanctions"],
            "heading": (
                "Народныя санкцыі на святы",
                "Народные санкции на праздники",
                "Popular sanctions over the holidays",
            ),
            "body": (
                """<p>Святочныя пакупкі — добрая нагода падумаць, куды ідуць грошы. Акцызы і
                прыбытак дзяржаўных крам трапляюць у той самы бюджэт, з якога плацяць за
                рэпрэсіі.</p>
                <ul>
                <li>купляйце падарункі ў прыватнага бізнесу;</li>
                <li>адмоўцеся ад падакцызных тавараў;</li>
                <li>трымайце зберажэнні ў валюце і па-за дзяржаўнымі банкамі.</li>
                </ul>""",
                """<p>Праздничные покупки — хороший повод подумать, куда идут деньги. Акцизы и
                прибыль государственных магазинов попадают в тот же бюджет, из которого
                платят за репрессии.</p>
                <ul>
                <li>покупайте подарки у частного бизнеса;</li>
                <li>откажитесь от подакцизных товаров;</li>
                <li>храните сбережения в валюте и вне государственных банков.</li>
                </ul>""",
                """<p>Holiday shopping is a good moment to think about where the money goes.
                Excise duty and the profits of state-owned shops end up in the same budget
                that pays for repression.</p>
                <ul>
                <li>buy your presents from private businesses;</li>
                <li>skip excisable goods;</li>
                <li>keep your savings in foreign currency and out of state banks.</li>
                </ul>""",
            ),
        },
        {
            "kind": Section.Kind.CAMPAIGN_UPDATE,
            "campaign": "solidarity-with-the-repressed",
            "tags": ["political prisoners"],
            "heading": (
                "Памятаем пра палітвязняў",
                "Помним о политзаключённых",
                "Remembering political prisoners",
            ),
            "body": (
                """<p>Для чалавека за кратамі ліст ці паштоўка — сувязь са светам. Напішыце
                палітвязням, а іх сем'і падтрымайце праз платформу салідарнасці, якой
                давяраеце:</p>
                <ul>
                <li><a href="https://bysol.org">BYSOL</a>;</li>
                <li><a href="https://dissidentby.com">Dissidentby</a>.</li>
                </ul>""",
                """<p>Для человека за решёткой письмо или открытка — связь с миром. Напишите
                политзаключённым, а их семьи поддержите через платформу солидарности, которой
                доверяете:</p>
                <ul>
                <li><a href="https://bysol.org">BYSOL</a>;</li>
                <li><a href="https://dissidentby.com">Dissidentby</a>.</li>
                </ul>""",
                """<p>For someone behind bars, a letter or a card is a link to the outside
                world. Write to political prisoners, and support their families through a
                solidarity platform you trust:</p>
                <ul>
                <li><a href="https://bysol.org">BYSOL</a>;</li>
                <li><a href="https://dissidentby.com">Dissidentby</a>.</li>
                </ul>""",
            ),
        },
    ],
}


def recent_digest(today):
    """A digest of the two weeks up to yesterday, so the archive reaches the present."""
    end = today - datetime.timedelta(days=1)
    start = end - datetime.timedelta(days=13)
    return {
        "period": (start, end),
        # None: published when first loaded; a rerun keeps that moment.
        "published_at": None,
        "tags": ["political prisoners", "museum", "sanctions"],
        "actions": [
            "sanctions-standing",
            "museum-standing",
            "solidarity-standing",
            "expert-standing",
        ],
        "headline": (
            "Салідарнасць, народныя санкцыі і Музей Свабоднай Беларусі: заклікі, якія "
            "застаюцца ў сіле",
            "Солидарность, народные санкции и Музей Свободной Беларуси: призывы, которые "
            "остаются в силе",
            "Solidarity, popular sanctions and the Museum of Free Belarus: the calls that stand",
        ),
        "lead": (
            """Кароткі дайджэст з пастаяннымі заклікамі дэмакратычных сіл. Гэта дэманстрацыйны
            змест: яго перыяд залежыць ад дня, калі загрузілі дэма-даныя.""",
            """Короткий дайджест с постоянными призывами демократических сил. Это
            демонстрационное содержимое: его период зависит от дня, когда загрузили
            демо-данные.""",
            """A short digest of the democratic forces' standing calls to action. This is demo
            content: its period follows the day the demo data was loaded.""",
        ),
        "closing_call": (
            """<p>Перамога над дыктатурай — справа кожнага з нас:</p>
            <ul>
            <li>працягвайце народныя санкцыі;</li>
            <li>дапамагайце палітвязням і іх сем'ям;</li>
            <li>перадайце экспанат Музею Свабоднай Беларусі;</li>
            <li>глядзіце дыскусіі #ЭкспертнаяСреда.</li>
            </ul>""",
            """<p>Победа над диктатурой — дело каждого из нас:</p>
            <ul>
            <li>продолжайте народные санкции;</li>
            <li>помогайте политзаключённым и их семьям;</li>
            <li>передайте экспонат Музею Свободной Беларуси;</li>
            <li>смотрите дискуссии #ЭкспертнаяСреда.</li>
            </ul>""",
            """<p>Defeating the dictatorship is up to each of us:</p>
            <ul>
            <li>keep up popular sanctions;</li>
            <li>help political prisoners and their families;</li>
            <li>give the Museum of Free Belarus an exhibit;</li>
            <li>watch the #ExpertEnvironment discussions.</li>
            </ul>""",
        ),
        "sections": [
            {
                "kind": Section.Kind.CAMPAIGN_UPDATE,
                "campaign": "solidarity-with-the-repressed",
                "tags": ["political prisoners", "solidarity"],
                "heading": (
                    "Дапамажыце палітвязням і іх сем'ям",
                    "Помогите политзаключённым и их семьям",
                    "Help political prisoners and their families",
                ),
                "body": (
                    """<p>Людзі ўсё яшчэ сядзяць за кратамі за свае погляды, а іх сем'і
                    плацяць за адвакатаў, перадачы і паездкі ў далёкія калоніі.</p>
                    <ul>
                    <li>ахвяруйце праз <a href="https://bysol.org">BYSOL</a> або
                    <a href="https://dissidentby.com">Dissidentby</a>;</li>
                    <li>пішыце лісты: некалькі слоў з волі шмат значаць;</li>
                    <li>распаўсюджвайце зборы толькі з крыніц, якім давяраеце.</li>
                    </ul>""",
                    """<p>Люди всё ещё сидят за решёткой за свои взгляды, а их семьи платят за
                    адвокатов, передачи и поездки в далёкие колонии.</p>
                    <ul>
                    <li>жертвуйте через <a href="https://bysol.org">BYSOL</a> или
                    <a href="https://dissidentby.com">Dissidentby</a>;</li>
                    <li>пишите письма: несколько слов с воли много значат;</li>
                    <li>распространяйте сборы только из источников, которым доверяете.</li>
                    </ul>""",
                    """<p>People are still behind bars for their views, and their families
                    pay for lawyers, parcels and journeys to distant prison colonies.</p>
                    <ul>
                    <li>donate through <a href="https://bysol.org">BYSOL</a> or
                    <a href="https://dissidentby.com">Dissidentby</a>;</li>
                    <li>write letters: a few words from outside mean a great deal;</li>
                    <li>share fundraisers only from sources you trust.</li>
                    </ul>""",
                ),
            },
            {
                "kind": Section.Kind.CAMPAIGN_UPDATE,
                "campaign": "museum-of-free-belarus",
                "tags": ["museum", "culture"],
                "heading": (
                    "Музей Свабоднай Беларусі працягвае збор",
                    "Музей Свободной Беларуси продолжает сбор",
                    "The Museum of Free Belarus keeps collecting",
                ),
                "body": (
                    """<p>Сцягі, плакаты, фотаздымкі, лісты з турмы — кожная рэч расказвае
                    частку гісторыі барацьбы беларусаў за свабоду. Калі ў вас ёсць такая рэч
                    або яе лічбавая копія, напішыце чат-боту
                    <a href="https://t.me/NAUsupport">@NAUsupport</a>. Можна ананімна.</p>""",
                    """<p>Флаги, плакаты, фотографии, письма из тюрьмы — каждая вещь
                    рассказывает часть истории борьбы белорусов за свободу. Если у вас есть
                    такая вещь или её цифровая копия, напишите чат-боту
                    <a href="https://t.me/NAUsupport">@NAUsupport</a>. Можно анонимно.</p>""",
                    """<p>Flags, posters, photographs, letters from prison — every object tells
                    part of the story of Belarusians' fight for freedom. If you have one, or a
                    digital copy of one, write to the
                    <a href="https://t.me/NAUsupport">@NAUsupport</a> chatbot. You may stay
                    anonymous.</p>""",
                ),
            },
        ],
    }


class Command(BaseCommand):
    help = (
        "Load demo content built from the digest of 10 — 23 January 2022: site settings, "
        "campaigns, action items, partner meetings and three published digests. Running it "
        "again updates the same rows and adds nothing. The most recent digest covers the two "
        "weeks up to yesterday, so a run on a later day adds one more recent digest."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        load_site()
        person = load_person()
        campaigns = {slug: load_campaign(slug, data) for slug, data in CAMPAIGNS.items()}
        items = {key: load_action_item(data, campaigns) for key, data in ACTION_ITEMS.items()}
        meetings = {key: load_meeting(data, campaigns, person) for key, data in MEETINGS.items()}
        for data in [EARLIER_DIGEST, SAMPLE_DIGEST, recent_digest(timezone.localdate())]:
            load_digest(data, campaigns, items, meetings)
        load_tag_names()
        self.stdout.write(self.style.SUCCESS(summary()))


# Each tag's (be, ru, en) names, by the English name the lists above tag with.
TAG_NAMES = {
    "referendum": ("рэферэндум", "референдум", "referendum"),
    "Voice": ("Голас", "Голос", "Voice"),
    "sanctions": ("санкцыі", "санкции", "sanctions"),
    "culture": ("культура", "культура", "culture"),
    "museum": ("музей", "музей", "museum"),
    "political prisoners": ("палітвязні", "политзаключённые", "political prisoners"),
    "solidarity": ("салідарнасць", "солидарность", "solidarity"),
    "non-recognition": ("непрызнанне", "непризнание", "non-recognition"),
    "France": ("Францыя", "Франция", "France"),
    "partners": ("партнёры", "партнёры", "partners"),
    "Yara": ("Yara", "Yara", "Yara"),
    "ExpertEnvironment": ("ЭкспертнаеАсяроддзе", "ЭкспертнаяСреда", "ExpertEnvironment"),
}


def load_tag_names():
    for english, names in TAG_NAMES.items():
        Tag.objects.matching(english).update(**localized(name=names))


def load_site():
    site = SiteSettings.load()
    for field, value in localized(**SITE).items():
        setattr(site, field, value)
    site.save()
    for position, (network, url) in enumerate(SOCIAL_LINKS, start=1):
        SocialLink.objects.update_or_create(
            site=site, network=network, defaults={"url": url, "position": position}
        )


def load_person():
    person, _created = Person.objects.update_or_create(
        name_en=LATUSHKA["name"][-1], defaults=localized(**LATUSHKA)
    )
    return person


def load_campaign(slug, data):
    data = dict(data)
    links, tags = data.pop("links"), data.pop("tags")
    campaign, _created = Campaign.objects.update_or_create(slug=slug, defaults=localized(**data))
    campaign.tags.set(tags)
    for position, (label, url) in enumerate(links, start=1):
        CampaignLink.objects.update_or_create(
            campaign=campaign,
            position=position,
            defaults=localized(label=label, url=url),
        )
    campaign.links.filter(position__gt=len(links)).delete()
    return campaign


def load_action_item(data, campaigns):
    data = dict(data)
    campaign, active_from = campaigns[data.pop("campaign")], data.pop("active_from")
    item, _created = ActionItem.objects.update_or_create(
        campaign=campaign, active_from=active_from, defaults=localized(**data)
    )
    return item


def load_meeting(data, campaigns, person):
    data = dict(data)
    topics, linked = data.pop("topics"), data.pop("campaigns")
    date, country = data.pop("date"), data.pop("country")
    meeting, _created = PartnerMeeting.objects.update_or_create(
        date=date, country=country, defaults=localized(**data)
    )
    meeting.representatives.set([person])
    meeting.campaigns.set([campaigns[slug] for slug in linked])
    for position, text in enumerate(topics, start=1):
        MeetingTopic.objects.update_or_create(
            meeting=meeting, position=position, defaults=localized(text=text)
        )
    meeting.topics.filter(position__gt=len(topics)).delete()
    return meeting


def load_digest(data, campaigns, items, meetings):
    start, end = data["period"]
    digest, _created = Digest.objects.update_or_create(
        slug=period_slug(start, end),
        defaults={
            "period_start": start,
            "period_end": end,
            **localized(
                title=("", "", ""),
                headline=data["headline"],
                lead=data["lead"],
                closing_call=data["closing_call"],
            ),
        },
    )
    digest.tags.set(data["tags"])

    keys = data["actions"]
    digest.action_entries.exclude(action_item__in=[items[key] for key in keys]).delete()
    for position, key in enumerate(keys, start=1):
        entry = digest.action_entries.filter(action_item=items[key]).first() or DigestAction(
            digest=digest, action_item=items[key]
        )
        entry.position = position
        # Unfrozen, so publishing below freezes the item's current words again.
        for field, value in localized(wording=("", "", ""), frozen_text=("", "", "")).items():
            setattr(entry, field, value)
        entry.frozen_url = ""
        # Refuses an item that was not active during the digest's period.
        entry.full_clean()
        entry.save()

    sections = data["sections"]
    digest.sections.filter(position__gt=len(sections)).delete()
    for position, section_data in enumerate(sections, start=1):
        section_data = dict(section_data)
        campaign = section_data.pop("campaign")
        linked = section_data.pop("meetings", [])
        tags = section_data.pop("tags")
        section, _created = Section.objects.update_or_create(
            digest=digest,
            position=position,
            defaults={
                "campaign": campaigns[campaign] if campaign else None,
                **localized(**section_data),
            },
        )
        section.meetings.set([meetings[key] for key in linked])
        section.tags.set(tags)

    publish_digest(digest=digest, by=None, at=data["published_at"])
    return digest


def summary():
    counts = {
        "campaigns": Campaign.objects.count(),
        "call-to-action links": CampaignLink.objects.count(),
        "action items": ActionItem.objects.count(),
        "current today": ActionItem.objects.current().count(),
        "partner meetings": PartnerMeeting.objects.count(),
        "public meetings": PartnerMeeting.objects.public().count(),
        "digests": Digest.objects.count(),
        "published digests": Digest.objects.published().count(),
        "sections": Section.objects.count(),
        "activity entries": DigestAction.objects.count(),
        "people": Person.objects.count(),
        "social links": SocialLink.objects.count(),
        "tags": Tag.objects.count(),
    }
    return "Demo content: " + ", ".join(f"{name} {count}" for name, count in counts.items()) + "."
