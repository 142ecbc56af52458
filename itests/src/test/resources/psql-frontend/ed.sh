#!/bin/sh
# A test editor for \e, \ef and \ev: shows its line-number argument and the text it got, then edits
# the file with the sed script in EDIT_SED (nothing when it is empty).
for a; do case "$a" in +*) echo "editor: line ${a#+}";; esac; done
for f; do :; done
sed 's/^/| /' "$f"
if [ -n "$EDIT_SED" ]; then sed -i "$EDIT_SED" "$f"; fi
