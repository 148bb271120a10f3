package io.metaxy.archfixture.good.ebean;

import io.ebean.Database;
import io.ebean.plugin.BeanType;

/** Reads entity metadata through Ebean's public plugin API: what the rule allows. */
public class UsesEbeanPluginApi {
  public String table(Database db, Class<?> type) {
    BeanType<?> t = db.pluginApi().beanType(type);
    return t == null ? null : t.baseTable();
  }
}
