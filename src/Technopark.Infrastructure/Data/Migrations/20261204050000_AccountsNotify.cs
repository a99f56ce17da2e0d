using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Technopark.Infrastructure.Data.Migrations
{
    /// <summary>
    /// Every statement that sets an account's security stamp or lockout, or deletes accounts, notifies the channel
    /// technopark_accounts (DataVersionListener), whoever runs it: the sessions each instance found valid are checked again
    /// (SessionValidation). A statement-level trigger on those columns only: recording a sign-in's time does not notify.
    /// No model change.
    /// </summary>
    [DbContext(typeof(TechnoparkDbContext))]
    [Migration("20261204050000_AccountsNotify")]
    public partial class AccountsNotify : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""
                CREATE FUNCTION notify_accounts() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('{DataVersionListener.AccountsChannel}', '');
                    RETURN NULL;
                END
                $$;
                CREATE TRIGGER users_notify_accounts AFTER UPDATE OF security_stamp, lockout_end OR DELETE OR TRUNCATE ON "AspNetUsers"
                    FOR EACH STATEMENT EXECUTE FUNCTION notify_accounts();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS users_notify_accounts ON "AspNetUsers";
                DROP FUNCTION IF EXISTS notify_accounts();
                """);
        }
    }
}
