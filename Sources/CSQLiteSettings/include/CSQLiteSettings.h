#ifndef SPINEBOARD_CSQLITESETTINGS_H
#define SPINEBOARD_CSQLITESETTINGS_H

/// Turns on SQLite's query planner stability guarantee (SQLITE_DBCONFIG_ENABLE_QPSG) for one
/// connection of the SQLite library linked into SpineBoard (sqlite-nio's). Returns 1 when it is
/// on, another value when the call failed. Swift cannot make this call itself: sqlite3_db_config
/// is variadic.
int spineboard_sqlite_enable_qpsg(void *connection);

#endif
