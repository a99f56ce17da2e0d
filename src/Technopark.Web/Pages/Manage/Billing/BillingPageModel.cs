using Technopark.Web.Authorization;

namespace Technopark.Web.Pages.Manage.Billing;

/// <summary>
/// Base of every /manage/{slug}/billing page: the site's managers (reviewers get 403); NetworkAdmin reads and cannot post
/// (<see cref="SitePageModel"/>). Every query and every id from a form is scoped to <c>Site.SiteId</c>.
/// </summary>
public abstract class BillingPageModel : SitePageModel
{
    protected override string Policy => Policies.SiteManager;
}
