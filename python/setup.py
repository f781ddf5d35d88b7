"""A platform wheel: the package carries the dataarts-mock executable, so the wheel must say
which systems it runs on. scripts/release.sh builds it from a copy of this folder with the
binary in src/dataarts_mock/bin/ and sets the manylinux tag that auditwheel reads off that
binary; built any other way it is tagged for this platform only (linux_x86_64), never "any"."""

import os
import stat

from setuptools import Distribution, setup
from setuptools.command.bdist_wheel import bdist_wheel
from setuptools.command.build_py import build_py

BINARY = os.path.join("src", "dataarts_mock", "bin", "dataarts-mock")


class BuildWithBinary(build_py):
    def run(self):
        if not os.path.isfile(BINARY):
            raise SystemExit(
                f"{BINARY} is missing: build the wheel with scripts/release.sh, which puts the release binary there")
        super().run()
        built = os.path.join(self.build_lib, "dataarts_mock", "bin", "dataarts-mock")
        mode = os.stat(built).st_mode
        os.chmod(built, mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)


class BinaryDistribution(Distribution):
    """Not pure: installed into platlib (where auditwheel looks), like an extension module."""

    def has_ext_modules(self):
        return True


class PlatformWheel(bdist_wheel):
    """No Python extension, so any Python 3, but this platform's binary."""

    def get_tag(self):
        _, _, platform = super().get_tag()
        return "py3", "none", platform


setup(distclass=BinaryDistribution, cmdclass={"build_py": BuildWithBinary, "bdist_wheel": PlatformWheel})
