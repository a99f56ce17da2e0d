using Technopark.Benchmarks;

// dotnet run -c Release --project tools/Technopark.Benchmarks -- board|rooms|billing|audit [sites]
// WebApplicationFactory finds the app's content root in MvcTestingAppManifest.json of the current directory.
Directory.SetCurrentDirectory(AppContext.BaseDirectory);
try
{
    return args switch
    {
        ["board", ..] => await BoardBenchmark.RunAsync(CancellationToken.None),
        ["rooms", ..] => await RoomBenchmark.RunAsync(CancellationToken.None),
        ["billing", ..] => await BillingBenchmark.RunAsync(BillingBenchmark.Sites(args), CancellationToken.None),
        ["audit", ..] => await AuditBenchmark.RunAsync(CancellationToken.None),
        _ => Usage(),
    };
}
catch (InvalidOperationException e)
{
    // A page that answered what it should not (404 before the pages exist, a 500, a refused booking): say it and fail.
    Console.Error.WriteLine($"BENCHMARK FAILED: {e.Message}");
    return 1;
}

static int Usage()
{
    Console.Error.WriteLine("Usage: Technopark.Benchmarks board|rooms|billing|audit [sites]");
    return 2;
}
