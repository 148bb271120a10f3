package io.metaxy.adapter.ebean.internal;

import io.ebean.annotation.DbDefault;
import io.ebean.annotation.Formula;
import io.ebean.annotation.Identity;
import io.ebean.annotation.IdentityType;
import io.ebean.annotation.SoftDelete;
import io.ebean.annotation.TenantId;
import io.ebean.annotation.WhenCreated;
import io.ebean.annotation.WhenModified;
import io.ebean.annotation.WhoCreated;
import io.ebean.annotation.WhoModified;
import io.metaxy.adapter.ebean.EbeanFeature;
import io.metaxy.domain.column.ColumnDescriptor;
import io.metaxy.domain.column.ColumnDescriptor.ValueGeneration;
import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads the user columns of a feature entity class by reflection (fields of the class and its
 * superclasses below {@link EbeanFeature}) and describes how the database would generate each
 * value, for {@link io.metaxy.domain.column.ColumnRules}.
 */
public final class EntityColumns {
  private static final Pattern GENERATED_DEFINITION =
      Pattern.compile(
          "\\b(default|identity|serial|bigserial|smallserial|auto_increment|autoincrement|generated|nextval)\\b",
          Pattern.CASE_INSENSITIVE);

  private EntityColumns() {}

  /** The user columns of {@code entity}, superclass fields first. */
  public static List<ColumnDescriptor> describe(Class<?> entity) {
    List<Class<?>> chain = new ArrayList<>();
    for (Class<?> c = entity; c != null && c != Object.class && c != EbeanFeature.class; ) {
      chain.add(0, c);
      c = c.getSuperclass();
    }
    List<ColumnDescriptor> out = new ArrayList<>();
    for (Class<?> c : chain) {
      for (Field f : c.getDeclaredFields()) {
        int m = f.getModifiers();
        if (Modifier.isStatic(m)
            || Modifier.isTransient(m)
            || f.isSynthetic()
            || f.isAnnotationPresent(Transient.class)
            || f.getName().startsWith("_ebean")) {
          continue;
        }
        out.add(describe(f));
      }
    }
    return out;
  }

  /** The database column name of a field: {@code @Column(name)} or the underscore convention. */
  public static String columnName(Field f) {
    Column col = f.getAnnotation(Column.class);
    if (col != null && !col.name().isBlank()) {
      return col.name();
    }
    return toUnderscore(f.getName());
  }

  /** {@code sampleId} → {@code sample_id} (Ebean's underscore naming convention). */
  public static String toUnderscore(String camel) {
    StringBuilder sb = new StringBuilder();
    boolean lastUpper = false;
    for (int i = 0; i < camel.length(); i++) {
      char c = camel.charAt(i);
      if (Character.isUpperCase(c)) {
        if (i > 0 && !lastUpper) {
          sb.append('_');
        }
        sb.append(Character.toLowerCase(c));
        lastUpper = true;
      } else if (Character.isDigit(c)) {
        sb.append(c);
        lastUpper = false;
      } else {
        sb.append(c);
        lastUpper = false;
      }
    }
    return sb.toString();
  }

  private static ColumnDescriptor describe(Field f) {
    String name = columnName(f);
    String type = f.getType().getSimpleName();
    String where = f.getDeclaringClass().getSimpleName() + "." + f.getName();
    GeneratedValue gv = f.getAnnotation(GeneratedValue.class);
    if (gv != null) {
      ValueGeneration g =
          gv.strategy() == GenerationType.SEQUENCE
              ? ValueGeneration.SEQUENCE
              : gv.strategy() == GenerationType.IDENTITY
                  ? ValueGeneration.IDENTITY
                  : ValueGeneration.GENERATED;
      return ColumnDescriptor.generated(
          name, type, g, "@GeneratedValue(strategy = " + gv.strategy() + ") on " + where);
    }
    if (f.isAnnotationPresent(SequenceGenerator.class)) {
      return ColumnDescriptor.generated(
          name, type, ValueGeneration.SEQUENCE, "@SequenceGenerator on " + where);
    }
    Identity identity = f.getAnnotation(Identity.class);
    if (identity != null) {
      ValueGeneration g =
          identity.type() == IdentityType.SEQUENCE
              ? ValueGeneration.SEQUENCE
              : ValueGeneration.IDENTITY;
      return ColumnDescriptor.generated(
          name, type, g, "@Identity(type = " + identity.type() + ") on " + where);
    }
    if (f.isAnnotationPresent(Id.class)) {
      return ColumnDescriptor.generated(
          name,
          type,
          ValueGeneration.GENERATED,
          "@Id on "
              + where
              + ": Ebean generates missing @Id values (identity, sequence or UUID); the row"
              + " identity of a feature table is metaxy_row_id, so declare ID columns as plain"
              + " columns");
    }
    DbDefault dbDefault = f.getAnnotation(DbDefault.class);
    if (dbDefault != null) {
      return ColumnDescriptor.generated(
          name,
          type,
          ValueGeneration.SERVER_DEFAULT,
          "@DbDefault(\"" + dbDefault.value() + "\") on " + where);
    }
    if (f.isAnnotationPresent(WhenCreated.class)) {
      return ColumnDescriptor.generated(
          name, type, ValueGeneration.AUTO_TIMESTAMP, "@WhenCreated on " + where);
    }
    if (f.isAnnotationPresent(WhenModified.class)) {
      return ColumnDescriptor.generated(
          name, type, ValueGeneration.AUTO_TIMESTAMP, "@WhenModified on " + where);
    }
    for (Class<? extends java.lang.annotation.Annotation> a :
        List.of(
            Version.class,
            WhoCreated.class,
            WhoModified.class,
            TenantId.class,
            SoftDelete.class,
            Formula.class)) {
      if (f.isAnnotationPresent(a)) {
        return ColumnDescriptor.generated(
            name, type, ValueGeneration.GENERATED, "@" + a.getSimpleName() + " on " + where);
      }
    }
    Column col = f.getAnnotation(Column.class);
    if (col != null) {
      if (!col.insertable()) {
        return ColumnDescriptor.generated(
            name,
            type,
            ValueGeneration.GENERATED,
            "@Column(insertable = false) on " + where + ": the database supplies the value");
      }
      if (!col.columnDefinition().isBlank()
          && GENERATED_DEFINITION.matcher(col.columnDefinition()).find()) {
        String def = col.columnDefinition().toLowerCase(Locale.ROOT);
        ValueGeneration g =
            def.contains("default") ? ValueGeneration.SERVER_DEFAULT : ValueGeneration.GENERATED;
        return ColumnDescriptor.generated(
            name,
            type,
            g,
            "@Column(columnDefinition = \"" + col.columnDefinition() + "\") on " + where);
      }
    }
    boolean nullable = !f.getType().isPrimitive() && (col == null || col.nullable());
    return ColumnDescriptor.of(name, type, nullable);
  }
}
