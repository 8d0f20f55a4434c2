#!/usr/bin/env bash
# Gen for .NET beside WebPPL 0.9.15 on the same beta-bernoulli model (p ~ Beta(2, 2), ten flips, 7 heads) with
# 10,000 particles: importance sampling and SMC, both answers and both times from one run (Gen with .NET's default tiered
# JIT and with it off), as a markdown table.
# Needs the .NET SDK and Node.js; installs WebPPL here (npm) on first use. Not run by CI.
set -euo pipefail
cd "$(dirname "$0")"
sample=../../samples/Gen.Samples.BetaBernoulli

if [ ! -x node_modules/.bin/webppl ]; then
  npm install --no-audit --no-fund --silent >/dev/null
fi
dotnet build -c Release "$sample" -nologo -v quiet >/dev/null

now() { date +%s.%N; }
t0=$(now); gen=$(dotnet run -c Release --no-build --project "$sample" -- --bench); t1=$(now)
# The same runs with .NET's tiered JIT off (DOTNET_TieredCompilation=0: every method fully optimised when first
# compiled), the setting for a short compute-bound process; reported beside the default, not instead of it.
untiered=$(DOTNET_TieredCompilation=0 dotnet run -c Release --no-build --project "$sample" -- --bench | grep -v '"exact"' | sed 's/"gen-dotnet"/"gen-dotnet-untiered"/'); t2=$(now)
wppl=$(node_modules/.bin/webppl model.wppl | grep '^{'); t3=$(now)

GEN="$gen"$'\n'"$untiered" WPPL="$wppl" GEN_WALL=$(echo "$t1 - $t0" | bc) UNTIERED_WALL=$(echo "$t2 - $t1" | bc) WPPL_WALL=$(echo "$t3 - $t2" | bc) \
WEBPPL_VERSION=$(node -p "require('./node_modules/webppl/package.json').version") node -e '
const rows = (process.env.GEN + "\n" + process.env.WPPL).split("\n").filter(l => l.startsWith("{")).map(l => JSON.parse(l));
const wall = { "gen-dotnet": process.env.GEN_WALL, "gen-dotnet-untiered": process.env.UNTIERED_WALL, "webppl": process.env.WPPL_WALL };
const name = { "exact": "exact", "gen-dotnet": "Gen for .NET", "gen-dotnet-untiered": "Gen for .NET, TieredCompilation=0",
               "webppl": "WebPPL " + process.env.WEBPPL_VERSION };
const fmt = (x, d) => x === undefined ? "" : Number(x).toFixed(d);
console.log("| system | algorithm | posterior mean of p | log p(flips) | first run (ms) | best of next 5 (ms) | whole process (s) |");
console.log("|---|---|---|---|---|---|---|");
for (const r of rows)
  console.log(`| ${name[r.system]} | ${r.algorithm} | ${fmt(r.mean, 4)} | ${fmt(r.logZ, 4)} | ${fmt(r.firstMs, 1)} | ${fmt(r.bestMs, 1)} | ${r.system in wall ? fmt(wall[r.system], 1) : ""} |`);
'
