#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# test.sh - the full test run on a fresh Debian 12 machine (as root):
# install prerequisites, then every gate of `make check`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/prereqs.sh
exec make check
