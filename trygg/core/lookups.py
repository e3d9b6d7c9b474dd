"""`field__in_array=[…]`: membership in a long list as one array parameter on PostgreSQL.

Django writes `IN (%s, %s, …)` with a parameter per value; for the 5,000 external ids of an
import chunk PostgreSQL spends most of the query parsing and planning them (measured: 103 ms
against 35 ms for `= ANY(%s)` with the same ids). SQLite reads the list from one JSON
parameter (`json_each`): Django prepares each value of a plain `IN` in Python (measured: 0.2 s
a query of 5,000 ids, more than the query itself)."""

import json

from django.core.exceptions import EmptyResultSet
from django.db.models import CharField
from django.db.models.lookups import In


@CharField.register_lookup
class InArray(In):
    lookup_name = "in_array"

    def as_postgresql(self, compiler, connection):
        if not self.rhs_is_direct_value():
            return self.as_sql(compiler, connection)
        lhs, lhs_params = self.process_lhs(compiler, connection)
        values = [v for v in dict.fromkeys(self.rhs) if v is not None]
        if not values:
            raise EmptyResultSet
        return f"{lhs} = ANY(%s)", (*lhs_params, values)

    def as_sqlite(self, compiler, connection):
        if not self.rhs_is_direct_value():
            return self.as_sql(compiler, connection)
        lhs, lhs_params = self.process_lhs(compiler, connection)
        values = [str(v) for v in dict.fromkeys(self.rhs) if v is not None]
        if not values:
            raise EmptyResultSet
        # lhs is the compiled column; the values are one parameter.
        sql = f"{lhs} IN (SELECT value FROM json_each(%s))"  # noqa: S608
        return sql, (*lhs_params, json.dumps(values))
