from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from PIL import Image, ImageDraw

SIZE = 180
WHITE = "#ffffff"
RED = "#b3122b"  # as in static/img/favicon.svg and --flag in site.css


def touch_icon():
    """The white-red-white flag of favicon.svg, as the PNG a phone's home screen wants."""
    image = Image.new("RGB", (SIZE, SIZE), WHITE)
    # favicon.svg's band: 10 of 32 units high, from the 11th.
    ImageDraw.Draw(image).rectangle(
        [0, round(SIZE * 11 / 32), SIZE - 1, round(SIZE * 21 / 32) - 1], fill=RED
    )
    return image.convert("P", palette=Image.Palette.ADAPTIVE, colors=2)


class Command(BaseCommand):
    help = (
        "Draw static/img/apple-touch-icon.png, the home screen icon used when the site "
        "settings have none. Run it when the flag's colours change and commit the file."
    )

    def handle(self, *args, **options):
        # Drawn in advance rather than from the SVG: rasterising SVG needs
        # cairo, which the site does not install.
        path = Path(settings.BASE_DIR) / "static" / "img" / "apple-touch-icon.png"
        touch_icon().save(path, format="PNG", optimize=True)
        self.stdout.write(f"{path.relative_to(settings.BASE_DIR)}: {path.stat().st_size} bytes")
