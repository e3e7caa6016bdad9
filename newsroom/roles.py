"""The newsroom's roles, and the one place that says what each may do.

A role is a Django group created by a data migration (digests 0010_roles)
and kept in step with `ROLES` by `sync_roles()`. The services check the
permissions below, so a rule holds however a request arrives: the admin's
buttons only follow what the services allow.

- Author: writes drafts; cannot publish, schedule, unpublish, delete, or
  change a published digest.
- Translator: changes the texts (the translated fields) of any digest,
  campaign, action item and meeting that is not live, nothing else.
- Editor: everything editorial, except deleting.
- Administrator: everything, including users, roles, site settings,
  deletion, the audit log and lockdown.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from modeltranslation.translator import NotRegistered, translator

AUTHOR = gettext_noop("Author")
TRANSLATOR = gettext_noop("Translator")
EDITOR = gettext_noop("Editor")
ADMINISTRATOR = gettext_noop("Administrator")

PUBLISH_DIGEST = "digests.publish_digest"
LOCKDOWN = "newsroom.lockdown_user"

# Parts follow the record they belong to: whoever translates a digest
# translates its sections and its activity list's wording.
WHOLE_OF = {
    "digests.section": "digests.digest",
    "digests.digestaction": "digests.digest",
    "campaigns.campaignlink": "campaigns.campaign",
    "campaigns.meetingtopic": "campaigns.partnermeeting",
}


def _perms(app, actions, models):
    return {f"{app}.{action}_{model}" for action in actions for model in models}


_READ = (
    _perms("digests", ["view"], ["digest", "section", "digestaction"])
    | _perms(
        "campaigns",
        ["view"],
        ["campaign", "campaignlink", "actionitem", "partnermeeting", "meetingtopic"],
    )
    | _perms("newsroom", ["view"], ["tag", "image", "person"])
)
_WRITE_DRAFTS = (
    _perms("digests", ["add", "change", "delete"], ["section", "digestaction"])
    | _perms("digests", ["add", "change"], ["digest", "previewlink"])
    | _perms("digests", ["view"], ["previewlink"])
    # Meetings, people and images are often first written down for a section, in a popup.
    | _perms("campaigns", ["add"], ["partnermeeting", "meetingtopic"])
    | _perms("newsroom", ["add"], ["image", "person"])
)
_TRANSLATE = {
    "digests.translate_digest",
    "campaigns.translate_campaign",
    "campaigns.translate_actionitem",
    "campaigns.translate_partnermeeting",
}
_EDIT = (
    _WRITE_DRAFTS
    | {PUBLISH_DIGEST}
    | _perms(
        "campaigns",
        ["add", "change"],
        ["campaign", "campaignlink", "actionitem", "partnermeeting", "meetingtopic"],
    )
    | _perms("campaigns", ["delete"], ["campaignlink", "meetingtopic"])
    | _perms("newsroom", ["add", "change"], ["tag", "image", "person"])
)

ROLES = {
    AUTHOR: _READ | _WRITE_DRAFTS,
    TRANSLATOR: _READ | _TRANSLATE,
    EDITOR: _READ | _EDIT,
    # Every permission of every app: filled in by sync_roles().
    ADMINISTRATOR: None,
}


def sync_roles(apps):
    """Create the role groups and give each exactly its permissions.

    `apps` is a migration's historical registry or django.apps.apps.
    Permissions are created first, since a fresh database has none yet
    while migrations run.
    """
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    everything = Permission.objects.all()
    for name, wanted in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        if wanted is None:
            group.permissions.set(everything)
            continue
        found = [
            permission
            for permission in everything.select_related("content_type")
            if f"{permission.content_type.app_label}.{permission.codename}" in wanted
        ]
        group.permissions.set(found)


def role_label(name):
    """A role's name in the admin's language; other groups keep theirs."""
    from django.utils.translation import gettext

    return gettext(name) if name in ROLES else name


# Rules shared by the services and the admin.


def can_publish(user):
    return user.has_perm(PUBLISH_DIGEST)


def translates_only(user, model):
    """True when `user` may change only the translated texts of `model`'s rows."""
    label = model._meta.label_lower
    app, name = WHOLE_OF.get(label, label).split(".")
    if user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}"):
        return False
    return user.has_perm(f"{app}.translate_{name}")


def text_fields(model):
    """The translated fields of `model`, each with its per-language columns."""
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return set()
    names = set()
    for name, columns in options.all_fields.items():
        names.add(name)
        names.update(column.name for column in columns)
    return names


def other_fields(model):
    """The fields of `model` an editor can change that are not translated texts."""
    texts = text_fields(model)
    return [
        field.name
        for field in model._meta.get_fields()
        if (field.concrete or field.many_to_many)
        and field.editable
        and not field.auto_created
        and field.name not in texts
    ]


def check_texts_only(*, user, model, changed):
    """Refuse a translator's change to anything but translated texts."""
    if not translates_only(user, model):
        return
    # Form-only fields (the edit count a form was opened at) are not the record's.
    if others := sorted(set(changed) & set(other_fields(model))):
        raise PermissionDenied(
            _("Translators change only texts; these fields cannot be changed: %(fields)s.")
            % {"fields": ", ".join(others)}
        )
