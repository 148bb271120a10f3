package io.metaxy.archfixture.bad.ebean;

import io.ebean.Database;
import io.ebeaninternal.api.SpiEbeanServer;

/** An adapter class reaching into Ebean's internals: breaks "public Ebean API only". */
public class UsesEbeanInternals {
  public Object descriptor(Database db, Class<?> type) {
    return ((SpiEbeanServer) db).descriptor(type);
  }
}
