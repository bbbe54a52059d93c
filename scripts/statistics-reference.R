#!/usr/bin/env Rscript
# Reference figures for the outcome statistics, from R's survival package and stats.
# Reads the input datasets in src/insights/statistics/fixtures/inputs/ (writing them
# first, from survival's lung data and a seeded simulation, if they are missing) and
# writes src/insights/statistics/fixtures/reference.json, which the tests compare
# against. The tests never run R.
#
#   apt-get install -y r-cran-survival r-cran-jsonlite
#   Rscript scripts/statistics-reference.R
suppressPackageStartupMessages({
  library(survival)
  library(jsonlite)
})

dir <- "src/insights/statistics/fixtures"
inputs <- file.path(dir, "inputs")
dir.create(inputs, showWarnings = FALSE, recursive = TRUE)
input <- function(name) file.path(inputs, paste0(name, ".csv"))

# --- Input datasets (written once, then committed) -------------------------------------
if (!file.exists(input("tiny"))) {
  # Small, with tied event times, a tie between an event and a censoring, and weights.
  tiny <- data.frame(
    time = c(1, 2, 2, 2, 3, 4, 4, 5, 6, 6, 8, 9),
    event = c(1, 1, 1, 0, 1, 1, 0, 0, 1, 1, 0, 1),
    group = c(0, 1, 0, 1, 0, 1, 1, 0, 0, 1, 1, 0),
    stratum = c(0, 0, 1, 1, 0, 1, 0, 1, 0, 1, 0, 1),
    weight = c(1, 0.5, 2, 1, 1.5, 1, 0.25, 1, 1, 3, 1, 0.75),
    x = c(0.2, -1.1, 0.5, 1.7, -0.3, 0.9, 0.0, -0.8, 1.2, 0.4, -0.6, 0.1)
  )
  write.csv(tiny, input("tiny"), row.names = FALSE)
}
if (!file.exists(input("lung"))) {
  # survival's lung cancer data: days with many ties, 28% censored; complete cases.
  l <- survival::lung[!is.na(survival::lung$ph.ecog), ]
  lung <- data.frame(
    time = l$time, event = l$status - 1, group = l$sex - 1,
    stratum = pmin(l$ph.ecog, 2), age = l$age
  )
  write.csv(lung, input("lung"), row.names = FALSE)
}
if (!file.exists(input("matched"))) {
  # Like a matched retention study: months to leaving (heavy ties), administrative
  # censoring at 24 months, six matched sets with their own baseline rates, CEM-like weights.
  set.seed(20261127)
  n <- 600
  stratum <- sample(0:5, n, replace = TRUE)
  group <- rbinom(n, 1, 0.3 + 0.05 * stratum)
  x <- round(rnorm(n), 2)
  rate <- 0.03 * (1 + stratum / 2) * exp(-0.6 * group + 0.3 * x)
  t <- rexp(n, rate)
  drop <- runif(n, 6, 40)
  time <- pmin(ceiling(pmin(t, drop)), 24)
  event <- as.integer(t <= pmin(drop, 24))
  share <- ave(group, stratum)
  weight <- ifelse(group == 1, 1, round(share / (1 - share) * 7 / 3, 6))
  matched <- data.frame(time, event, group, stratum, weight, x)
  write.csv(matched, input("matched"), row.names = FALSE)
}
if (!file.exists(input("paired"))) {
  set.seed(5)
  sets <- list(
    data.frame(set = "two", before = c(2, 3), after = c(4, 3)),
    data.frame(set = "seven", before = c(1, 2, 2, 3, 3, 4, 2), after = c(3, 2, 4, 4, 3, 5, 3)),
    data.frame(set = "forty", before = sample(1:5, 40, TRUE), after = pmin(5, sample(1:5, 40, TRUE) + 1)),
    data.frame(set = "declines", before = c(5, 4, 4, 5, 3, 4), after = c(3, 4, 2, 4, 3, 2))
  )
  write.csv(do.call(rbind, sets), input("paired"), row.names = FALSE)
}

# --- Reference figures ------------------------------------------------------------------
km <- function(fit) {
  q <- quantile(fit, 0.5)
  list(
    time = fit$time, atRisk = fit$n.risk, eventsAt = fit$n.event, censoredAt = fit$n.censor,
    survival = fit$surv, stdErr = fit$std.err, lower = fit$lower, upper = fit$upper,
    median = list(estimate = unname(q$quantile), lower = unname(q$lower), upper = unname(q$upper))
  )
}
kmByGroup <- function(d, weighted, robust = FALSE) {
  lapply(split(d, d$group), function(g) {
    fit <- if (weighted) {
      # robust = TRUE is R's default for non-integer weights; its std.err is then se(S).
      survfit(Surv(time, event) ~ 1, data = g, weights = weight, robust = robust)
    } else {
      survfit(Surv(time, event) ~ 1, data = g)
    }
    km(fit)
  })
}
survdiffOf <- function(fit) {
  list(observed = unname(fit$obs), expected = unname(fit$exp), chiSquare = fit$chisq,
       df = length(fit$n) - 1, p = pchisq(fit$chisq, length(fit$n) - 1, lower.tail = FALSE))
}
# survdiff gives observed/expected per group summed over strata as rows of a matrix.
survdiffStrat <- function(fit) {
  obs <- if (is.matrix(fit$obs)) rowSums(fit$obs) else fit$obs
  ex <- if (is.matrix(fit$exp)) rowSums(fit$exp) else fit$exp
  df <- length(obs) - 1
  list(observed = unname(obs), expected = unname(ex), chiSquare = fit$chisq, df = df,
       p = pchisq(fit$chisq, df, lower.tail = FALSE))
}
coxOf <- function(fit) {
  s <- summary(fit)
  list(
    coef = unname(coef(fit)), se = unname(sqrt(diag(vcov(fit)))),
    lower = unname(s$conf.int[, "lower .95"]), upper = unname(s$conf.int[, "upper .95"]),
    p = unname(s$coefficients[, "Pr(>|z|)"]),
    loglik = fit$loglik, likelihoodRatio = unname(s$logtest["test"])
  )
}
ctl <- coxph.control(eps = 1e-11, toler.chol = 1e-13, iter.max = 50)

cases <- list()
for (name in c("tiny", "lung", "matched")) {
  d <- read.csv(input(name))
  weighted <- "weight" %in% names(d)
  covariate <- if ("x" %in% names(d)) "x" else "age"
  d$cov <- d[[covariate]]
  case <- list(
    kaplanMeier = kmByGroup(d, FALSE),
    logRank = survdiffOf(survdiff(Surv(time, event) ~ group, data = d)),
    logRankStratified = survdiffStrat(survdiff(Surv(time, event) ~ group + strata(stratum), data = d)),
    cox = list(
      efron = coxOf(coxph(Surv(time, event) ~ group, data = d, ties = "efron", control = ctl)),
      breslow = coxOf(coxph(Surv(time, event) ~ group, data = d, ties = "breslow", control = ctl)),
      twoCovariates = coxOf(coxph(Surv(time, event) ~ group + cov, data = d, control = ctl)),
      stratified = coxOf(coxph(Surv(time, event) ~ group + strata(stratum), data = d, control = ctl))
    )
  )
  if (weighted) {
    case$kaplanMeierWeighted <- kmByGroup(d, TRUE)
    case$kaplanMeierRobust <- kmByGroup(d, TRUE, robust = TRUE)
    case$cox$weighted <- coxOf(coxph(Surv(time, event) ~ group, data = d, weights = weight,
                                     robust = FALSE, control = ctl))
    case$cox$weightedStratified <- coxOf(coxph(Surv(time, event) ~ group + cov + strata(stratum), data = d,
                                               weights = weight, robust = FALSE, control = ctl))
  }
  cases[[name]] <- case
}

p <- read.csv(input("paired"))
paired <- lapply(split(p, factor(p$set, levels = unique(p$set))), function(s) {
  t <- t.test(s$after, s$before, paired = TRUE)
  list(estimate = unname(t$estimate), lower = t$conf.int[1], upper = t$conf.int[2],
       t = unname(t$statistic), df = unname(t$parameter), p = t$p.value)
})

x <- c(0, 0.5, 1, 1.96, 3, 5, 8, 12, 20, 37.5)
dfs <- c(1, 2, 3, 5, 10, 30, 100)
probs <- c(1e-12, 1e-6, 0.001, 0.025, 0.1, 0.5, 0.9, 0.975, 0.999)
distributions <- list(
  normal = list(z = c(-8, -3, -1.96, 0, 0.5, 1.96, 3, 8, 12, 20),
                upper = pnorm(c(-8, -3, -1.96, 0, 0.5, 1.96, 3, 8, 12, 20), lower.tail = FALSE)),
  normalQuantile = list(p = probs, q = qnorm(probs)),
  chiSquare = lapply(dfs, function(df) list(df = df, x = x, upper = pchisq(x, df, lower.tail = FALSE))),
  t = lapply(dfs, function(df) list(df = df, x = x, twoSided = 2 * pt(x, df, lower.tail = FALSE),
                                    quantile = qt(probs, df)))
)
distributions$normalQuantile$probs <- NULL

out <- list(
  generatedBy = sprintf("scripts/statistics-reference.R with %s, survival %s", R.version.string,
                        as.character(packageVersion("survival"))),
  probs = probs,
  cases = cases,
  paired = paired,
  distributions = distributions
)
write_json(out, file.path(dir, "reference.json"), digits = I(17), auto_unbox = TRUE, na = "null", pretty = FALSE)
cat("wrote", file.path(dir, "reference.json"), "\n")
