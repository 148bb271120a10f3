package io.metaxy.archfixture.bad.domain;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A "domain" class that reaches for JDBC: breaks "domain depends on JDK + vavr" (java.sql). */
public class SqlInDomain {
  public Connection open() throws SQLException {
    return DriverManager.getConnection("jdbc:h2:mem:x");
  }
}
