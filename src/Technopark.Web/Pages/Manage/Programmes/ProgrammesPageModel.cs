using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Common;
using Technopark.Web.Authorization;
using Technopark.Web.Localization;

namespace Technopark.Web.Pages.Manage.Programmes;

/// <summary>
/// Base of the programme pages of a site: the site's team reads them (a coach is not team), its managers change them; HQ reads
/// (its POSTs are refused by <see cref="SitePageModel"/>), a reviewer's POST is refused here (<see cref="MayChangeAsync"/>).
/// </summary>
public abstract class ProgrammesPageModel : SitePageModel
{
    /// <summary>The signed-in person may change the site's programmes (a manager of the site).</summary>
    public bool CanChange { get; private set; }

    protected async Task<bool> MayChangeAsync()
    {
        var authorization = HttpContext.RequestServices.GetRequiredService<IAuthorizationService>();
        CanChange = !IsHqReadOnly && (await authorization.AuthorizeAsync(User, Site, Policies.SiteManager)).Succeeded;
        return CanChange;
    }

    /// <summary>A broken rule goes next to its field of the form <paramref name="prefix"/> (else above the form).</summary>
    protected void Show(DomainException e, IStringLocalizer text, string prefix = "Input", Func<string, string>? field = null) =>
        ModelState.AddModelError(e.Field is null ? string.Empty : $"{prefix}.{(field ?? (f => f))(e.Field)}", text.Message(e));
}
