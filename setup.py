"""Map the top-level folders onto the ``ftpub.*`` import namespace.

``core/`` installs as ``ftpub.core``, ``hosts/`` as ``ftpub.hosts`` and ``sandbox/`` as
``ftpub.sandbox``; no bare ``core`` or ``hosts`` module is ever installed.
"""

from setuptools import find_packages, setup

FOLDERS = {"core": "ftpub.core", "hosts": "ftpub.hosts", "sandbox": "ftpub.sandbox"}

packages = []
package_dir = {}
for folder, name in FOLDERS.items():
    package_dir[name] = folder
    packages.append(name)
    packages.extend(f"{name}.{sub}" for sub in find_packages(folder))

setup(packages=packages, package_dir=package_dir)
