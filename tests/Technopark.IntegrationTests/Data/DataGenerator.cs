using System.Diagnostics;

namespace Technopark.IntegrationTests.Data;

/// <summary>The data generator (tools/Technopark.DataGenerator) run as a process, as scripts/benchmark-hq.sh runs it.</summary>
internal static class DataGenerator
{
    /// <summary>Runs the generator with <paramref name="args"/> on the database of <paramref name="connectionString"/>.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string connectionString, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path(), .. args]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ConnectionStrings__Technopark"] = connectionString;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    /// <summary>The generator's build output next to this test assembly's (same configuration), built first through a project reference.</summary>
    private static string Path()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = directory.Parent!.Name; // bin/<Configuration>/net10.0
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "Technopark.sln")))
        {
            directory = directory.Parent;
        }

        var path = System.IO.Path.Combine(directory!.FullName, "tools", "Technopark.DataGenerator", "bin", configuration, "net10.0", "Technopark.DataGenerator.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the data generator first.", path);
    }
}
