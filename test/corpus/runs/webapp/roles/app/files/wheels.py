# the private index: small wheels in a directory (no network in the lab)
import os
import sys
import zipfile

dest = sys.argv[1]
os.makedirs(dest, exist_ok=True)
for name, version in (('kplaydemo', '1.0'), ('kplaydemo', '2.0'), ('kplaytool', '1.0')):
    info = f'{name}-{version}.dist-info'
    with zipfile.ZipFile(f'{dest}/{name}-{version}-py3-none-any.whl', 'w') as z:
        z.writestr(f'{name}/__init__.py', f'VERSION = "{version}"\n')
        z.writestr(f'{info}/METADATA', f'Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n')
        z.writestr(f'{info}/WHEEL', 'Wheel-Version: 1.0\nGenerator: corpus\nRoot-Is-Purelib: true\nTag: py3-none-any\n')
        z.writestr(f'{info}/RECORD', '')
