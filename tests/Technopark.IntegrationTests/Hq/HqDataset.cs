using Npgsql;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Hq;

/// <summary>
/// A hand-built network whose HQ figures are worked out in the tests, on D = 2026-06-15 (D + 90 days = 2026-09-13;
/// D − 5 years = 2021-06-15; D − 12 months = 2025-06-15). Inserted with SQL so that the periods are exactly the ones
/// under test; the declarations behind the reported KPIs are worked out in <c>HqFiguresTests.Kpis_*</c>. The reference sites come with the test database; Tanger and Agadir are operational, Khémisset is not.
/// </summary>
public static class HqDataset
{
    public static readonly DateOnly D = new(2026, 6, 15);

    private static readonly Dictionary<string, Task> Seeded = [];
    private static readonly Lock Gate = new();

    public static Task EnsureAsync(AppFixture app)
    {
        lock (Gate)
        {
            if (!Seeded.TryGetValue(app.Database.Name, out var task))
            {
                _ = app.Factory.Services; // start the app first: its reference-data seeding must not undo ours
                task = SeedAsync(app.Database.ConnectionString);
                Seeded[app.Database.Name] = task;
            }

            return task;
        }
    }

    private static async Task SeedAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(Sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private const string Sql = """
        UPDATE sites SET opened_on = '2025-03-10' WHERE slug = 'agadir';
        UPDATE sites SET opened_on = '2025-09-10' WHERE slug = 'oujda';
        CREATE TEMP TABLE ids (name text PRIMARY KEY, id int);

        WITH t AS (SELECT id FROM sites WHERE slug = 'tanger'), a AS (SELECT id FROM sites WHERE slug = 'agadir'), j AS (SELECT id FROM sites WHERE slug = 'oujda'),
        ins AS (
            INSERT INTO spaces (site_id, code, kind, floor, seats, is_active, area_square_meters, monthly_rate)
            SELECT t.id, v.code, v.kind, 1, v.seats, v.active, 20, 1000 FROM t, (VALUES
                ('O1', 'Office', 1, true), ('O2', 'Office', 1, true), ('O3', 'Office', 1, true), ('O4', 'Office', 1, true),
                ('O5', 'Office', 1, false), ('O6', 'Office', 1, true), ('W1', 'Coworking', 10, true), ('W2', 'Coworking', 8, false),
                ('M1', 'MeetingRoom', 12, true)) AS v(code, kind, seats, active)
            UNION ALL SELECT a.id, 'A1', 'Office', 1, 1, true, 20, 1000 FROM a
            UNION ALL SELECT j.id, 'J1', 'Office', 1, 1, true, 20, 1000 FROM j
            RETURNING id, code)
        INSERT INTO ids SELECT code, id FROM ins;
        INSERT INTO space_outages (space_id, start_on) SELECT id, date '2000-01-01' FROM ids WHERE name IN ('O5', 'W2');
        -- Oujda's only office is out of service from the first month Oujda counts in (opened 2025-09-10): offices only in months it does not count.
        INSERT INTO space_outages (space_id, start_on) SELECT id, date '2025-10-01' FROM ids WHERE name = 'J1';

        WITH t AS (SELECT id FROM sites WHERE slug = 'tanger'),
        ins AS (
            INSERT INTO companies (site_id, legal_name, form, sector, exit_reason, exited_on)
            SELECT t.id, v.name, 'Startup', 'Digital', v.reason, v.exited::date FROM t, (VALUES
                ('c1', NULL, NULL), ('c2', NULL, NULL), ('c3', NULL, NULL), ('c4', NULL, NULL), ('c5', NULL, NULL),
                ('c6', NULL, NULL), ('c7', NULL, NULL), ('c8', NULL, NULL), ('c9', NULL, NULL), ('a1', NULL, NULL),
                ('g1', 'Graduated', '2021-06-15'), ('x1', 'Closed', '2021-06-15'), ('g2', 'Graduated', '2021-06-16'),
                ('r1', 'Relocated', '2020-01-01'), ('x2', 'Closed', '2026-06-15'), ('g3', 'Graduated', '2026-06-16'),
                ('g4', 'Graduated', '2025-06-15'), ('g5', 'Graduated', '2025-06-16')) AS v(name, reason, exited)
            RETURNING id, legal_name)
        INSERT INTO ids SELECT legal_name, id FROM ins;

        INSERT INTO assignments (site_id, space_id, company_id, seats, is_exclusive, start_on, end_on, monthly_rent)
        SELECT sp.site_id, s.id, c.id, v.seats, v.exclusive, v.start_on::date, v.end_on::date, 1000
        FROM (VALUES
            ('O1', 'c1', 1, true, '2026-01-01', '2026-06-15'),
            ('O2', 'c2', 1, true, '2026-01-01', '2026-06-16'),
            ('O3', 'c3', 1, true, '2025-01-01', NULL),
            ('O4', 'c4', 1, true, '2026-06-15', '2026-09-14'),
            ('O5', 'c5', 1, true, '2026-01-01', NULL),
            ('O6', 'c6', 1, true, '2026-01-01', '2026-06-14'),
            ('O6', 'g1', 1, true, '2015-01-01', '2021-06-15'),
            ('W1', 'c7', 3, false, '2026-01-01', NULL),
            ('W1', 'c8', 2, false, '2026-06-16', NULL),
            ('W2', 'c9', 4, false, '2026-01-01', NULL),
            ('A1', 'a1', 1, true, '2025-04-01', NULL),
            ('O5', 'g2', 1, true, '2016-01-01', '2021-06-16'),
            ('O5', 'x2', 1, true, '2023-01-01', '2024-01-01')) AS v(space, company, seats, exclusive, start_on, end_on)
        JOIN ids s ON s.name = v.space JOIN ids c ON c.name = v.company JOIN spaces sp ON sp.id = s.id;

        INSERT INTO declarations (company_id, year, quarter, status, declared_by, declared_at, validated_by, validated_at,
            headcount, revenue, funds_grant, funds_loan, funds_equity, funds_prize, still_active,
            declared_headcount, declared_revenue, declared_funds_grant, declared_funds_loan, declared_funds_equity, declared_funds_prize, declared_still_active)
        SELECT c.id, v.year, v.quarter, v.status, 'hq-dataset', '2026-01-10T00:00:00Z'::timestamptz, CASE WHEN v.status = 'Validated' THEN 'hq-dataset' END,
               CASE WHEN v.status = 'Validated' THEN '2026-01-11T00:00:00Z'::timestamptz END,
               v.headcount, v.revenue, v.grant_, v.loan, v.equity, v.prize, v.active,
               coalesce(v.declared_headcount, v.headcount), coalesce(v.declared_revenue, v.revenue), v.grant_, v.loan, v.equity, v.prize, v.active
        FROM (VALUES
            ('c3', 2024, NULL, 'Validated', 5.0, 100000.00, 10000.00, 0, 0, 0, true, NULL, NULL),
            ('c3', 2025, NULL, 'Validated', 8.0, 250000.00, 0, 0, 20000.00, 0, true, NULL, NULL),
            ('c3', 2025, 4, 'Validated', 9.0, 70000.00, 0, 0, 0, 0, true, NULL, NULL),
            ('c3', 2026, 2, 'Validated', 12.0, 80000.00, 0, 0, 0, 0, true, NULL, NULL),
            ('c2', 2025, NULL, 'Validated', 4.5, 40000.50, 0, 0, 0, 0, true, 4.0, 50000.50),
            ('c2', 2026, 1, 'Declared', 6.0, 1000.00, 0, 0, 0, 0, true, NULL, NULL),
            ('c5', 2025, NULL, 'Declared', 3.0, 9000.00, 0, 0, 0, 500.00, true, NULL, NULL),
            ('c8', 2025, NULL, 'Validated', 50.0, 1.00, 0, 0, 0, 0, true, NULL, NULL),
            ('g2', 2025, NULL, 'Validated', 2.5, 30000.00, 0, 5000.00, 0, 0, true, NULL, NULL),
            ('x2', 2023, NULL, 'Validated', 7.0, 5000.00, 0, 0, 0, 0, true, NULL, NULL),
            ('g1', 2025, NULL, 'Validated', 3.0, 1000.00, 0, 0, 0, 0, true, NULL, NULL),
            ('g1', 2026, 1, 'Declared', 0.0, 0.00, 0, 0, 0, 0, false, NULL, NULL),
            ('r1', 2025, NULL, 'Validated', 1.0, 2000.00, 0, 0, 0, 0, true, NULL, NULL))
            AS v(company, year, quarter, status, headcount, revenue, grant_, loan, equity, prize, active, declared_headcount, declared_revenue)
        JOIN ids c ON c.name = v.company;

        INSERT INTO waiting_list (site_id, company_id, wanted_kind, wanted_seats, since, priority, removed_on)
        SELECT s.id, c.id, 'Office', 1, v.since::date, 3, v.removed::date
        FROM sites s, ids c, (VALUES ('2026-06-01', NULL), ('2026-06-16', NULL), ('2026-01-01', '2026-06-15'), ('2026-01-01', '2026-06-16'))
            AS v(since, removed)
        WHERE s.slug = 'tanger' AND c.name = 'c8';

        INSERT INTO "AspNetUsers" (id, email, email_confirmed, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count)
        VALUES ('hq-dataset-applicant', 'hq-dataset@test.technopark.ma', true, false, false, true, 0);

        INSERT INTO applications (applicant_id, site_id, programme, state, created_at, updated_at, submitted_at, decided_at)
        SELECT 'hq-dataset-applicant', s.id, 'Incubation', v.state, '2025-12-01T00:00:00Z'::timestamptz, '2025-12-01T00:00:00Z'::timestamptz,
               v.submitted::timestamptz, v.decided::timestamptz
        FROM sites s, (VALUES
            ('Draft', NULL, NULL),
            ('Submitted', '2026-03-01T10:00:00Z', NULL),
            ('Accepted', '2026-01-01T10:00:00Z', '2026-01-11T10:00:00Z'),
            ('Rejected', '2026-02-01T10:00:00Z', '2026-02-05T10:00:00Z'),
            ('Waitlisted', '2026-03-01T10:00:00Z', '2026-03-21T10:00:00Z'),
            ('Accepted', '2026-07-01T10:00:00Z', '2026-07-02T10:00:00Z')) AS v(state, submitted, decided)
        WHERE s.slug = 'tanger';
        """;
}
