// Eight schools, non-centred (posteriordb: eight_schools-eight_schools_noncentered; data data/eight_schools.json).
// posteriordb's model in rstan 2.21 syntax (`real y[J]` for `array[J] real y`).
data {
  int<lower=0> J;          // number of schools
  real y[J];               // estimated treatment effects
  real<lower=0> sigma[J];  // standard errors of the effects
}
parameters {
  vector[J] theta_trans;   // standardised school effects
  real mu;                 // population mean
  real<lower=0> tau;       // population standard deviation
}
transformed parameters {
  vector[J] theta;         // school effects
  theta = theta_trans * tau + mu;
}
model {
  theta_trans ~ normal(0, 1);
  y ~ normal(theta, sigma);
  mu ~ normal(0, 5);
  tau ~ cauchy(0, 5);
}
