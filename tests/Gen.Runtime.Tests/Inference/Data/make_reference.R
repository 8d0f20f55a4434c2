# Reference values for McmcDiagnosticsTests: fixed sets of chains and what Stan's own R code says of them.
#
# Rerun (from the repository root, with R, rstan and posterior installed, e.g. on Debian 12:
# `apt-get install -y r-cran-rstan r-cran-posterior`):
#
#   Rscript tests/Gen.Runtime.Tests/Inference/Data/make_reference.R
#
# It rewrites chains_<case>.csv (one column per chain, one row per draw) and expected.csv in this folder.
# The seeds are fixed, so a rerun with the same R reproduces the files byte for byte.
#
# Two references, because Stan's R code changed between versions:
#   - posterior (>= 1.0, here 1.4.0): rank normalisation with Blom's offset, z = qnorm((r - 3/8) / (S + 1/4)),
#     as in Vehtari et al. (2021), ArviZ and current Stan. McmcDiagnostics' public functions follow this.
#   - rstan 2.21 (Debian's r-cran-rstan): z = qnorm((r - 1/2) / S), and an autocovariance scaled by
#     M/N when the half-chain length N is not of the form 2^a 3^b 5^c (M is the next such number); every case here
#     has such half-chain lengths, so only the rank offset differs. The tests reproduce these values too, through
#     McmcDiagnostics' internal rank-offset parameter.
#
# Draws are rounded to 6 decimals (integers for the `ties` case) and read back before anything is computed, so the
# references are exactly those of the numbers in the files.

suppressPackageStartupMessages({
  library(rstan)
  library(posterior)
})

here <- local({
  args <- commandArgs(trailingOnly = FALSE)
  file <- sub("^--file=", "", args[grep("^--file=", args)])
  if (length(file) == 1) dirname(normalizePath(file)) else getwd()
})

ar1 <- function(n, phi, innovation = function(n) rnorm(n)) {
  e <- innovation(n)
  x <- numeric(n)
  x[1] <- e[1] / sqrt(1 - phi^2)
  for (t in 2:n) x[t] <- phi * x[t - 1] + e[t]
  x
}

chains_of <- function(n_chains, f) sapply(seq_len(n_chains), function(i) f())

set.seed(20240611)
cases <- list(
  # Well mixed, moderately autocorrelated: the ordinary case.
  ar1 = chains_of(4, function() ar1(500, 0.7)),
  # One chain shifted by two stationary standard deviations: R-hat far above 1.
  shifted = {
    x <- chains_of(4, function() ar1(500, 0.5))
    x[, 4] <- x[, 4] + 2 / sqrt(1 - 0.5^2)
    x
  },
  # Heavy tails: AR(1) with Student-t(1.5) innovations (infinite variance).
  heavy = chains_of(4, function() ar1(500, 0.3, function(n) rt(n, df = 1.5))),
  # Discrete draws: many ties in the ranks and in the tail quantiles.
  ties = chains_of(4, function() rpois(500, 2)),
  # Negatively autocorrelated: ESS above the number of draws.
  antithetic = chains_of(4, function() ar1(500, -0.3)),
  # So negatively autocorrelated that the ESS is capped at S log10(S).
  capped = chains_of(4, function() ar1(500, -0.7)),
  # Odd length (the middle draw of each chain is dropped when splitting) and slow mixing.
  odd = chains_of(3, function() ar1(501, 0.9)),
  # One chain (split into two).
  single = chains_of(1, function() ar1(1000, 0.5)),
  # Very short chains: 7 draws, halves of 3, so Geyer's loop never runs.
  short = chains_of(4, function() rnorm(7)),
  # Alternating chains: the first autocorrelation pair is negative, so no pair is accepted.
  alternating = chains_of(2, function() (-1)^(1:20) + rnorm(20, sd = 0.01))
)

quantities <- list(
  ess_bulk = list(rstan = rstan::ess_bulk, posterior = posterior::ess_bulk),
  ess_tail = list(rstan = rstan::ess_tail, posterior = posterior::ess_tail),
  rhat = list(rstan = rstan::Rhat, posterior = posterior::rhat),
  ess_mean = list(rstan = rstan:::ess_mean, posterior = posterior::ess_mean),
  mcse_mean = list(rstan = rstan:::mcse_mean, posterior = posterior::mcse_mean),
  ess_q05 = list(rstan = function(x) rstan:::ess_quantile(x, 0.05), posterior = function(x) posterior::ess_quantile(x, 0.05, names = FALSE)),
  ess_q95 = list(rstan = function(x) rstan:::ess_quantile(x, 0.95), posterior = function(x) posterior::ess_quantile(x, 0.95, names = FALSE)),
  rhat_basic = list(rstan = function(x) rstan:::rhat_rfun(rstan:::split_chains(x)), posterior = posterior::rhat_basic)
)

fmt <- function(v) ifelse(is.na(v), "NA", sprintf("%.17g", v))

rows <- list()
for (name in names(cases)) {
  x <- cases[[name]]
  x <- if (name == "ties") round(x) else round(x, 6)
  file <- file.path(here, paste0("chains_", name, ".csv"))
  out <- x
  out[] <- if (name == "ties") sprintf("%d", as.integer(x)) else sprintf("%.6f", x)
  colnames(out) <- paste0("chain", seq_len(ncol(x)))
  write.table(out, file, sep = ",", quote = FALSE, row.names = FALSE)
  x <- as.matrix(read.csv(file))
  dimnames(x) <- NULL
  for (q in names(quantities)) {
    r <- suppressWarnings(quantities[[q]]$rstan(x))
    p <- suppressWarnings(quantities[[q]]$posterior(x))
    rows[[length(rows) + 1]] <- data.frame(case = name, quantity = q, rstan_2_21 = fmt(r), posterior_1_4 = fmt(p))
  }
}
expected <- do.call(rbind, rows)
write.table(expected, file.path(here, "expected.csv"), sep = ",", quote = FALSE, row.names = FALSE)
cat(sprintf("R %s, rstan %s, posterior %s\n", getRversion(), packageVersion("rstan"), packageVersion("posterior")))
print(expected, row.names = FALSE)
