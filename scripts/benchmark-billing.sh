#!/usr/bin/env bash
# Billing speed benchmark (tools/Technopark.Benchmarks `billing`, BillingData + BillingBenchmark): a fresh database with the 100×
# network (96 sites × 600 spaces and their stays, binary COPY; Tanger also 30 rooms and their bookings) and 12 months of issued
# invoices, credit notes and payments; then, through the app's services in-process (Release, least-privilege role):
# (a) Tanger's monthly run, its re-run (must change nothing) and issuing all drafts; (b) the next month's run of every site one
# after the other; (c) the network's aged receivables (Receivables.AgingAsync, and its statement bare with EXPLAIN ANALYZE) and
# GET /hq/billing as the network admin, 50 times each. Prints the figures and "Target …: met/not met"; exits non-zero on any
# unexpected outcome (BENCHMARK FAILED).
#   scripts/benchmark-billing.sh [sites=96]
# Database: $TECHNOPARK_TEST_POSTGRES (a connection string whose user may create databases), else a throwaway local
# PostgreSQL cluster (system binaries) on port ${BENCH_PGPORT:-55446}, removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/pg-local.sh
use_bench_postgres billing
dotnet run -c Release --project tools/Technopark.Benchmarks -- billing "$@"
