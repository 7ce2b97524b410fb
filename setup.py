"""The build compiles the translations: ``placement/locale/*/LC_MESSAGES/*.po`` to ``.mo``.

Everything else about the package is in ``pyproject.toml``.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithCatalogs(build_py):
    """``build_py``, then each ``.po`` of the package compiled to its ``.mo`` beside it."""

    def run(self) -> None:  # noqa: D102
        super().run()
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        for po in Path("placement", "locale").glob("*/LC_MESSAGES/*.po"):
            mo = Path(self.build_lib) / po.with_suffix(".mo")
            mo.parent.mkdir(parents=True, exist_ok=True)
            with open(po, "rb") as f:
                catalog = read_po(f)
            with open(mo, "wb") as f:
                write_mo(f, catalog)


setup(cmdclass={"build_py": BuildWithCatalogs})
