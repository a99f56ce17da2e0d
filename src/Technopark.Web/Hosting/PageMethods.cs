using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Net.Http.Headers;

namespace Technopark.Web.Hosting;

/// <summary>
/// Pages answer GET, HEAD and POST only. Another method (PUT, DELETE, TRACE…) reaching a page would run
/// it without a handler and fail on its unloaded model: it gets 405 with an Allow header instead.
/// </summary>
public static class PageMethods
{
    public const string Allowed = "GET, HEAD, POST";

    /// <summary>After routing: needs the matched endpoint.</summary>
    public static IApplicationBuilder UsePageMethodsOnly(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var method = context.Request.Method;
        if (context.GetEndpoint()?.Metadata.GetMetadata<PageActionDescriptor>() is null
            || HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsPost(method))
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        context.Response.Headers[HeaderNames.Allow] = Allowed;
        return Task.CompletedTask;
    });
}
