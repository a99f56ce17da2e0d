using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Technopark.Infrastructure.Data.Migrations
{
    /// <summary>
    /// The tables a person's navigation reads besides those HQ's figures read (a site role, a company membership, a coached
    /// enrolment) notify technopark_data_version too (InstancesNotify's trigger function): the navigation each instance keeps
    /// per person (StaffDirectory) is read again once any of them changes, wherever the change was made. No model change.
    /// </summary>
    [DbContext(typeof(TechnoparkDbContext))]
    [Migration("20261204180000_NavigationNotify")]
    public partial class NavigationNotify : Migration
    {
        private static readonly string[] Tables = ["site_staff", "company_members", "enrolments"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => InstancesNotify.AddTriggers(migrationBuilder, Tables);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => InstancesNotify.DropTriggers(migrationBuilder, Tables);
    }
}
