# the application's repository, as a release process would leave it (fixed dates: the same commits everywhere)
set -e
export GIT_AUTHOR_NAME=dev GIT_AUTHOR_EMAIL=dev@example.com GIT_COMMITTER_NAME=dev GIT_COMMITTER_EMAIL=dev@example.com
export GIT_AUTHOR_DATE=2024-03-01T12:00:00Z GIT_COMMITTER_DATE=2024-03-01T12:00:00Z
git init -q -b main "$1" && cd "$1"
printf 'kplaydemo==1.0\n' > requirements.txt && echo 'print("v1")' > app.py
git add . && git commit -q -m v1 && git tag v1
printf 'kplaydemo==2.0\nkplaytool\n' > requirements.txt && echo 'print("v2")' > app.py
git commit -q -am v2 && git tag -a v2 -m "release 2"
