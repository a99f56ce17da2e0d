using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Technopark.Web.Pages.Hq;

/// <summary>A CSV attachment written straight to the response (<see cref="CsvExport.WriteAsync"/>): long exports never sit whole in memory.</summary>
public sealed class CsvStreamResult(string fileName, Func<Stream, CancellationToken, Task> write) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.ContentType = CsvExport.ContentType;
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = fileName, FileName = fileName }.ToString();
        await write(response.Body, context.HttpContext.RequestAborted);
    }
}
