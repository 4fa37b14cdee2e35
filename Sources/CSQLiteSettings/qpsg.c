// See CSQLiteSettings.h. The prototype and constant are sqlite-nio's (sqlite_nio_sqlite3.h,
// SQLite 3.54): its SQLite symbols carry the sqlite_nio_ prefix.
#include "CSQLiteSettings.h"

extern int sqlite_nio_sqlite3_db_config(void *db, int op, ...);

enum { SQLITE_OK_ = 0, SQLITE_DBCONFIG_ENABLE_QPSG_ = 1007 };

int spineboard_sqlite_enable_qpsg(void *connection) {
    int on = -1;
    if (sqlite_nio_sqlite3_db_config(connection, SQLITE_DBCONFIG_ENABLE_QPSG_, 1, &on) != SQLITE_OK_) return -1;
    return on;
}
