#!/usr/bin/env bash
# Stan side by side: installs R with rstan 2.21 (Debian's r-cran-rstan) and jsonlite where missing, then runs run.R,
# which compiles each model once (cached in benchmarks/stan/cache/) and prints the table. Usage: benchmarks/stan/run.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if ! Rscript -e 'suppressPackageStartupMessages({library(rstan); library(jsonlite)})' >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y r-cran-rstan r-cran-jsonlite
fi
exec Rscript "$here/run.R" "$@"
