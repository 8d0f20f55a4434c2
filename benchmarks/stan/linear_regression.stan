// Bayesian linear regression with 5 predictors (posteriordb: sblri-blr, 100 simulated observations with
// independent coefficients, true beta = 1 and sigma = 1; data data/sblri.json). posteriordb's `blr` model.
data {
  int<lower=0> N;
  int<lower=0> D;
  matrix[N, D] X;
  vector[N] y;
}
parameters {
  vector[D] beta;
  real<lower=0> sigma;
}
model {
  target += normal_lpdf(beta | 0, 10);
  target += normal_lpdf(sigma | 0, 10);
  target += normal_lpdf(y | X * beta, sigma);
}
