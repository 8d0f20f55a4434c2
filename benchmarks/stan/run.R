# Stan (rstan 2.21) on the three models of the NUTS comparison: eight schools (non-centred), a 5-predictor linear
# regression and an AR(5) time series, with posteriordb's models and data.
#
#   benchmarks/stan/run.sh            # installs R and rstan where missing, then runs this
#   Rscript benchmarks/stan/run.R     # with rstan and jsonlite installed
#   benchmarks/stan/run.sh --runs 5   # seeds 4711..4715 per model, the median run shown (as Gen's program does)
#
# Each model is compiled once (~40 s) and cached in benchmarks/stan/cache/ (saveRDS, keyed by the model's MD5), then
# run as 1 chain of 1000 warm-up and 1000 sampling iterations with a fixed seed. Printed per model: Stan's own
# sampling and warm-up seconds (get_elapsed_time: CPU time of the chain), the minimum bulk ESS over the sampled
# parameters and that per sampling second, divergences and leapfrog steps; then per parameter the posterior mean with
# its MCSE, beside posteriordb's reference mean. Diagnostics are rstan's ess_bulk / ess_tail / Rhat / mcse_mean.

suppressPackageStartupMessages({
  library(rstan)
  library(jsonlite)
})

here <- local({
  args <- commandArgs(trailingOnly = FALSE)
  file <- sub("^--file=", "", args[grep("^--file=", args)])
  if (length(file) == 1) dirname(normalizePath(file)) else getwd()
})
seed <- 4711L
runs <- local({
  args <- commandArgs(trailingOnly = TRUE)
  at <- match("--runs", args)
  if (is.na(at)) 1L else as.integer(args[at + 1])
})
options(mc.cores = 1, width = 200)
rstan_options(auto_write = FALSE)

# Debian's BH package is empty and Boost lives in /usr/include. Point rstan at a directory holding only a `boost`
# symlink: /usr/include itself would break libstdc++'s #include_next.
if (!nzchar(system.file("include", "boost", package = "BH"))) {
  boost_dir <- file.path(tempdir(), "boost-include")
  dir.create(boost_dir, showWarnings = FALSE)
  if (!file.exists(file.path(boost_dir, "boost"))) file.symlink("/usr/include/boost", file.path(boost_dir, "boost"))
  rstan_options(boost_lib = boost_dir)
}

models <- list(
  list(name = "eight_schools_noncentered", data = "eight_schools.json", sampled = c("theta_trans", "mu", "tau")),
  list(name = "linear_regression", data = "sblri.json", sampled = c("beta", "sigma")),
  list(name = "ar5", data = "arK.json", sampled = c("alpha", "beta", "sigma"))
)
reference <- read.csv(file.path(here, "posteriordb_means.csv"), stringsAsFactors = FALSE)

compiled <- function(name) {
  file <- file.path(here, paste0(name, ".stan"))
  cache <- file.path(here, "cache")
  dir.create(cache, showWarnings = FALSE)
  rds <- file.path(cache, paste0(name, "-", unname(tools::md5sum(file)), ".rds"))
  if (file.exists(rds)) return(readRDS(rds))
  seconds <- system.time(model <- stan_model(file, model_name = name))[["elapsed"]]
  cat(sprintf("compiled %s in %.0f s\n", name, seconds))
  saveRDS(model, rds)
  model
}

summaries <- list()
parameters <- list()
for (m in models) {
  model <- compiled(m$name)
  data <- read_json(file.path(here, "data", m$data), simplifyVector = TRUE)
  run <- function(seed) {
    fit <- sampling(model, data = data, chains = 1, iter = 2000, warmup = 1000, seed = seed, refresh = 0)
    elapsed <- get_elapsed_time(fit)
    draws <- as.array(fit)   # iterations x chains x parameters
    names <- setdiff(dimnames(draws)[[3]], "lp__")
    table <- do.call(rbind, lapply(names, function(p) {
      x <- draws[, , p, drop = FALSE]
      dim(x) <- dim(x)[1:2]
      ref <- reference[reference$model == m$name & reference$parameter == p, ]
      data.frame(model = m$name, parameter = p, mean = mean(x), mcse_mean = rstan:::mcse_mean(x), sd = sd(x),
                 ess_bulk = ess_bulk(x), ess_tail = ess_tail(x), rhat = Rhat(x),
                 posteriordb_mean = if (nrow(ref) == 1) ref$mean else NA_real_, stringsAsFactors = FALSE)
    }))
    table$z <- (table$mean - table$posteriordb_mean) / table$mcse_mean
    sampled <- table[sub("\\[.*$", "", table$parameter) %in% m$sampled, ]
    worst <- sampled[which.min(sampled$ess_bulk), ]
    sampler <- get_sampler_params(fit, inc_warmup = FALSE)[[1]]
    summary <- data.frame(
      model = m$name, dims = nrow(sampled), warmup_s = elapsed[1, "warmup"], sampling_s = elapsed[1, "sample"],
      min_ess_bulk = worst$ess_bulk, at = worst$parameter, min_ess_per_s = worst$ess_bulk / elapsed[1, "sample"],
      divergences = sum(sampler[, "divergent__"]), leapfrog = sum(sampler[, "n_leapfrog__"]),
      stringsAsFactors = FALSE)
    list(summary = summary, table = table)
  }
  all_runs <- lapply(seed + seq_len(runs) - 1L, run)
  rates <- sapply(all_runs, function(r) r$summary$min_ess_per_s)
  median_run <- all_runs[[order(rates)[length(rates) %/% 2 + 1]]]
  summaries[[m$name]] <- median_run$summary
  if (runs > 1) cat(sprintf("%s: min bulk ESS per second over the %d seeds: %s; min bulk ESS: %s\n", m$name, runs,
                            paste(sprintf("%.1f", rates), collapse = " "),
                            paste(sprintf("%.1f", sapply(all_runs, function(r) r$summary$min_ess_bulk)), collapse = " ")))
  table <- median_run$table
  parameters[[m$name]] <- table
}

cat(sprintf("rstan %s, R %s, seed %d%s, 1 chain, 1000 warm-up + 1000 sampling iterations\n\n",
            packageVersion("rstan"), getRversion(), seed,
            if (runs > 1) sprintf(" (+%d more seeds, median run shown)", runs - 1) else ""))
summary <- do.call(rbind, summaries)
rownames(summary) <- NULL
print(format(summary, digits = 4), row.names = FALSE)
cat("\n")
all <- do.call(rbind, parameters)
rownames(all) <- NULL
print(format(all, digits = 4), row.names = FALSE)
