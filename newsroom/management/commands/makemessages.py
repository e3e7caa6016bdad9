"""Django's makemessages, writing catalogues sorted and without source lines.

Several people add strings at once: sorted entries without line numbers
keep their changes to the catalogues apart, so merges rarely conflict.
"""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    xgettext_options = [*makemessages.Command.xgettext_options, "--sort-output"]
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--sort-output"]
    msguniq_options = [*makemessages.Command.msguniq_options, "--sort-output"]
