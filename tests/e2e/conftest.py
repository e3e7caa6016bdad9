# The browser, the editor and the ORM guard of the first browser test, for
# every browser test.
from .test_editor_builds_a_digest import (  # noqa: F401
    _allow_orm_beside_playwright,
    browser,
    editor,
)
