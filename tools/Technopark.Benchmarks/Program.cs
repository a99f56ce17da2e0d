using Technopark.Benchmarks;

// dotnet run -c Release --project tools/Technopark.Benchmarks -- board
// WebApplicationFactory finds the app's content root in MvcTestingAppManifest.json of the current directory.
Directory.SetCurrentDirectory(AppContext.BaseDirectory);
return args is ["board", ..]
    ? await BoardBenchmark.RunAsync(CancellationToken.None)
    : Usage();

static int Usage()
{
    Console.Error.WriteLine("Usage: Technopark.Benchmarks board");
    return 2;
}
