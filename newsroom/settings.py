"""Settings for the newsroom CMS.

The one settings module. Every difference between environments is an
environment variable with a safe development default; README.md ("Settings")
and .env.example list them all. Only this module reads os.environ.
"""

import datetime
import os
import re
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.templatetags.static import static
from django.utils.csp import CSP
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name, default=""):
    return os.environ.get(name, default).strip()


def env_bool(name, default=False):
    value = env(name)
    if not value:
        return default
    return value.lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def required(name, when="when DEBUG is off"):
    value = env(name)
    if not value:
        raise ImproperlyConfigured(
            f"The environment variable {name} must be set {when} (see .env.example)."
        )
    return value


DEBUG = env_bool("DEBUG")

if DEBUG:
    SECRET_KEY = env("SECRET_KEY") or "django-insecure-development-only-key"
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
else:
    SECRET_KEY = required("SECRET_KEY")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
    if not ALLOWED_HOSTS:
        required("ALLOWED_HOSTS")

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it comes before it.
    "modeltranslation",
    # The admin with the staff's second factor (newsroom/sites.py).
    "newsroom.apps.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # The sitemap's views and template; without django.contrib.sites it takes
    # the host from each request.
    "django.contrib.sitemaps",
    "taggit",
    "django_countries",
    "django_prose_editor",
    "reversion",
    "django_otp",
    "newsroom.apps.AuthenticatorAppsConfig",  # django_otp.plugins.otp_totp
    "newsroom.apps.BackupCodesConfig",  # django_otp.plugins.otp_static
    "django_otp_webauthn",
    "newsroom",
    "campaigns",
    "digests",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "newsroom.middleware.PrivacyHeadersMiddleware",
    "newsroom.middleware.OnionLocationMiddleware",
    "newsroom.middleware.RejectNulMiddleware",
    "newsroom.middleware.DatabaseUnavailableMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Readers' pages from the cache, before the session is looked at (newsroom/caching.py).
    "newsroom.caching.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "newsroom.context_processors.site",
            ],
        },
    },
]

# SQLite under var/ for development; PostgreSQL in production and CI.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}",
        conn_max_age=int(env("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Django's, converting each query's placeholders once (newsroom/sqlite3/base.py).
    DATABASES["default"]["ENGINE"] = "newsroom.sqlite3"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache: public pages (newsroom/caching.py) among others. Local memory is
# each worker's own, so a publish clears only the worker that saved it: with
# more than one worker or replica set REDIS_URL (compose.yaml does).
if env("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "newsroom.caching.RedisCache",
            "LOCATION": env("REDIS_URL"),
            # Redis gone, pages are rendered (newsroom/caching.py), without waiting long for it.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    }
# PAGE_CACHE=0 renders every public page for every request (a benchmark's cold runs).
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE", True)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Staff are targets: slogans, places and names with digits added are guessed first.
    {"NAME": "newsroom.passwords.CommonPhrasePasswordValidator"},
    {"NAME": "newsroom.passwords.SimplePatternPasswordValidator"},
]

# Languages: Belarusian first and default; readers pick theirs in the URL.
LANGUAGE_CODE = "be"
LANGUAGES = [
    ("be", _("Belarusian")),
    ("ru", _("Russian")),
    ("en", _("English")),
]
# django-countries has no Belarusian catalogue; ours is kept apart so makemessages leaves it alone.
# locale/corrections/ puts right other packages' be and ru strings (Django's be
# catalogue is in taraškievica, with typos; the editor and taggit have none):
# entries for their msgids, which makemessages would drop from our own catalogue.
LOCALE_PATHS = [
    BASE_DIR / "locale",
    BASE_DIR / "locale" / "corrections",
    BASE_DIR / "newsroom" / "country_names",
]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env("TIME_ZONE", "Europe/Minsk")
# Dates as each language writes them ("24 студзеня 2022"); Django has no
# Belarusian formats and writes "Сту. 24, 2022".
FORMAT_MODULE_PATH = ["newsroom.formats"]

MODELTRANSLATION_DEFAULT_LANGUAGE = "be"
# A missing translation shows another language's text (marked with its own
# lang attribute and a notice by the templates), never an empty page.
MODELTRANSLATION_FALLBACK_LANGUAGES = {
    "default": ("be", "ru", "en"),
    "be": ("ru", "en"),
    "ru": ("be", "en"),
    "en": ("ru", "be"),
}

TAGGIT_CASE_INSENSITIVE = True
# Tag addresses in Latin letters, like every other address on the site.
TAGGIT_STRIP_UNICODE_WHEN_SLUGIFYING = True
TAGGIT_TAGS_FROM_STRING = "newsroom.tags.parse_tags"

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT") or BASE_DIR / "var" / "static")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT") or BASE_DIR / "var" / "media")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
if env("AWS_STORAGE_BUCKET_NAME"):
    # Uploads in S3-compatible object storage, for several web replicas.
    # Readers' browsers load images from the media host, so it must be one
    # of the office's own hosts, named explicitly: never the provider's.
    required("AWS_S3_CUSTOM_DOMAIN", when="with AWS_STORAGE_BUCKET_NAME")
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env("AWS_S3_REGION_NAME") or None,
            "access_key": env("AWS_ACCESS_KEY_ID") or None,
            "secret_key": env("AWS_SECRET_ACCESS_KEY") or None,
            "custom_domain": env("AWS_S3_CUSTOM_DOMAIN") or None,
            "default_acl": None,
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH"),
            "file_overwrite": False,
        },
    }

# Uploads: images only, small enough for readers on slow connections.
MAX_IMAGE_UPLOAD_BYTES = int(env("MAX_IMAGE_UPLOAD_BYTES", str(5 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o644

# Security. Readers' visits must not leak: no referrer to other sites, no
# third-party anything (CSP 'self' only), no cookies on public pages.
SECURE_CONTENT_TYPE_NOSNIFF = True
# "same-origin": other sites never learn where a reader came from, while our
# own forms keep their Origin header (with "no-referrer" Chromium sends
# "Origin: null" and the admin login fails the CSRF check).
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# The editor's toolbar labels are English outside gettext: our module replaces
# its Menu with one that translates them (static/js/prose-editor-i18n.js). The
# editor loads a group's module whenever a field uses one of its extensions,
# and every field has a menu. "Menu" keeps its (empty) allow-list.
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {
        "js": [lazy(static, str)("js/prose-editor-i18n.js")],
        "extensions": {"Menu": lambda config, shared_config: None},
    }
]
PROSE_EDITOR_STYLE_HASH = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    # The nonce is only sent when a page uses it: the admin's import map for
    # the rich-text editor. Public pages have no inline script at all.
    "script-src": [CSP.SELF, CSP.NONCE],
    # The hash admits the one <style> element the editor (Tiptap) injects;
    # tests/test_self_hosted.py recomputes it from the installed package.
    "style-src": [CSP.SELF, CSP.NONCE, PROSE_EDITOR_STYLE_HASH],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
if env("AWS_S3_CUSTOM_DOMAIN"):
    SECURE_CSP["img-src"].append(f"https://{env('AWS_S3_CUSTOM_DOMAIN')}")

# Staff's second factor: passkeys first (they resist phishing), an
# authenticator app (TOTP) as the alternative, one-time backup codes. A staff
# member who has one is always asked for it; with this on, one who has none
# must enrol before any admin page. Off only on a developer's machine.
STAFF_REQUIRE_SECOND_FACTOR = env_bool("STAFF_REQUIRE_SECOND_FACTOR", not DEBUG)
# Passkeys belong to one domain (the relying party): changing it later makes
# every registered passkey useless. Default: the first of ALLOWED_HOSTS.
_first_host = next((h.lstrip(".") for h in ALLOWED_HOSTS if h.strip(".*[")), "localhost")
OTP_WEBAUTHN_RP_ID = env("WEBAUTHN_RP_ID") or ("localhost" if DEBUG else _first_host)
OTP_WEBAUTHN_RP_NAME = env("WEBAUTHN_RP_NAME", "Newsroom")
# The addresses staff open the admin at, as a browser names them.
OTP_WEBAUTHN_ALLOWED_ORIGINS = env_list("WEBAUTHN_ORIGINS") or (
    [f"http://localhost:{port}" for port in (8000, 8001)]
    if DEBUG
    else [f"https://{OTP_WEBAUTHN_RP_ID}"]
)
# A passkey is the second step after the password, never a way around it
# (nor around the lock-out after failed passwords).
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
# Its logger writes a traceback for every malformed passkey request: the
# client gets a clear error, the log needs no noise from hostile input.
OTP_WEBAUTHN_EXCEPTION_LOGGER_NAME = ""
OTP_TOTP_ISSUER = OTP_WEBAUTHN_RP_NAME
# The admin's device pages would show TOTP secrets; ours never do.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True

# Staff log-in (issue 7): lockout, sessions, the admin's address.
# Five wrong passwords for one user name pause logging in with it for 30
# minutes; refused tries during the pause do not prolong it, so nobody can
# keep a colleague locked out for good. Locks go by user name alone: the proxy
# passes no client address, and newsroom/lockout.py gives axes neither an
# address nor the browser's name to store.
INSTALLED_APPS.append("newsroom.apps.LockoutConfig")  # django-axes
MIDDLEWARE += ["newsroom.middleware.StaffSessionMiddleware", "axes.middleware.AxesMiddleware"]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_HANDLER = "newsroom.lockout.AddresslessHandler"
AXES_CLIENT_IP_CALLABLE = "newsroom.lockout.no_address"
AXES_USERNAME_CALLABLE = "newsroom.lockout.username"
AXES_LOCKOUT_CALLABLE = "newsroom.lockout.locked_out"
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ADMIN = False  # newsroom/admin.py has its own, translated, with "Unlock".
AXES_VERBOSE = False
AXES_SENSITIVE_PARAMETERS = ["username", "csrfmiddlewaretoken"]
# axes.W006 asks to lock by IP address too; there is none to lock by.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# Sessions (only staff have any) end after STAFF_SESSION_IDLE_MINUTES without
# a request and STAFF_SESSION_MAX_HOURS after logging in, whichever is first
# (newsroom.middleware.StaffSessionMiddleware); the cookie goes with the browser.
STAFF_SESSION_IDLE_MINUTES = int(env("STAFF_SESSION_IDLE_MINUTES", "30"))
STAFF_SESSION_MAX_HOURS = int(env("STAFF_SESSION_MAX_HOURS", "12"))
if STAFF_SESSION_IDLE_MINUTES < 1 or STAFF_SESSION_MAX_HOURS < 1:
    raise ImproperlyConfigured(
        "STAFF_SESSION_IDLE_MINUTES and STAFF_SESSION_MAX_HOURS must be at least 1."
    )
SESSION_COOKIE_AGE = STAFF_SESSION_IDLE_MINUTES * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# The admin's address, e.g. "desk-7f3k/": one that is not guessed keeps
# scanners off its log-in page. A relative path ending in "/", clear of the
# site's own addresses.
ADMIN_URL = env("ADMIN_URL", "admin/")
_ADMIN_URL_TAKEN = {code for code, _name in LANGUAGES} | {"static", "media", "i18n", "healthz"}
if (
    not re.fullmatch(r"(?:[A-Za-z0-9_~-][A-Za-z0-9._~-]*/)+", ADMIN_URL)
    or ADMIN_URL.split("/")[0] in _ADMIN_URL_TAKEN
):
    raise ImproperlyConfigured(
        f"ADMIN_URL={ADMIN_URL!r}: give a path such as admin/ or desk-7f3k/, with no "
        f"leading /, ending in /, not starting with one of {sorted(_ADMIN_URL_TAKEN)}."
    )

if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    # Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
    if env_bool("BEHIND_TLS_PROXY", True):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # /healthz is probed over plain HTTP from inside the container network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# The static mirror (manage.py export_site, README "Publish a mirror"): the
# site's own address for canonical links, feeds and the sitemap, and the key
# that signs SHA256SUMS (base64 or hex of a 32-byte ed25519 seed, or the path
# of a PEM file; `export_site --generate-key` makes one). Its public half is
# published at /mirror-signing-key.pub and on /<lang>/mirror/.
MIRROR_BASE_URL = env("MIRROR_BASE_URL").rstrip("/")
MIRROR_SIGNING_KEY = env("MIRROR_SIGNING_KEY")
# The site's onion service (http://….onion): Tor Browser offers it to readers
# through the Onion-Location header of every public page.
ONION_URL = env("ONION_URL").rstrip("/")
if ONION_URL and not re.fullmatch(r"https?://[a-z2-7]{56}\.onion", ONION_URL):
    raise ImproperlyConfigured(
        f"ONION_URL={ONION_URL!r}: give the onion service's address, e.g. http://<56 letters>.onion"
    )

# Outgoing mail (Django 6.1's MAILERS); the EMAIL_* variable names are kept
# for operators. SMTP options only apply to the SMTP backend.
EMAIL_BACKEND_PATH = env("EMAIL_BACKEND") or (
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend"
)
MAILERS = {"default": {"BACKEND": EMAIL_BACKEND_PATH}}
if EMAIL_BACKEND_PATH == "django.core.mail.backends.smtp.EmailBackend":
    MAILERS["default"]["OPTIONS"] = {
        "host": env("EMAIL_HOST", "localhost"),
        "port": int(env("EMAIL_PORT", "25")),
        "username": env("EMAIL_HOST_USER"),
        "password": env("EMAIL_HOST_PASSWORD"),
        "use_tls": env_bool("EMAIL_USE_TLS"),
        "timeout": 10,
    }
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "newsroom@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ADMINS = env_list("ADMINS")

LOG_LEVEL = env("LOG_LEVEL", "INFO").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
        "without_traceback": {"()": "newsroom.log.WithoutTraceback"},
        "skip_service_unavailable": {"()": "newsroom.log.SkipServiceUnavailable"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        "console_one_line": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["without_traceback"],
        },
        # Error reports to ADMINS, as Django's default logging would send them.
        "mail_admins": {
            "level": "ERROR",
            "filters": ["require_debug_false"],
            "class": "django.utils.log.AdminEmailHandler",
        },
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Replaces Django's own console handler, which would print twice.
        "django": {
            "handlers": ["console", "mail_admins"],
            "level": LOG_LEVEL,
            "propagate": False,
        },
        # Request errors only: a log line per request would be a list of readers.
        # A 503 means the database is down, which newsroom.log reports once a minute.
        "django.request": {"level": "WARNING", "filters": ["skip_service_unavailable"]},
        # Anyone may send any Host header: one line, no traceback, no mail.
        "django.security.DisallowedHost": {
            "handlers": ["console_one_line"],
            "level": "WARNING",
            "propagate": False,
        },
    },
}
# Axes writes several lines at every log-in; the audit log has what matters.
LOGGING["loggers"]["axes"] = {"level": "WARNING"}
