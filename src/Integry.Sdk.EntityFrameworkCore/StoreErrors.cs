using System.Data.Common;

namespace Integry.Sdk.EntityFrameworkCore;

/// <summary>Tells a database that is briefly busy from one that failed.</summary>
internal static class StoreErrors
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    /// <summary>
    /// A transient database error anywhere in the chain (EF wraps the provider's in <c>DbUpdateException</c>): SQLite's
    /// SQLITE_BUSY and SQLITE_LOCKED, or what any ADO.NET provider marks <see cref="DbException.IsTransient"/>.
    /// </summary>
    public static bool IsBusy(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException database && (database.IsTransient || IsSqliteBusy(database)))
            {
                return true;
            }
        }

        return false;
    }

    // Microsoft.Data.Sqlite reports the SQLite result code as DbException.ErrorCode; matched by code so the package
    // does not depend on the SQLite provider.
    private static bool IsSqliteBusy(DbException exception) =>
        exception.GetType().Name == "SqliteException" && (exception.ErrorCode & 0xFF) is SqliteBusy or SqliteLocked;
}
