package io.metaxy.cli;

import io.metaxy.cli.internal.CliUsageException;
import io.metaxy.cli.internal.CommonOptions;
import io.metaxy.cli.internal.ConfigCommand;
import io.metaxy.cli.internal.DescribeCommand;
import io.metaxy.cli.internal.GraphCommand;
import io.metaxy.cli.internal.HistoryCommand;
import io.metaxy.cli.internal.ListCommand;
import io.metaxy.cli.internal.MetadataCommand;
import io.metaxy.cli.internal.MigrateCommand;
import io.metaxy.cli.internal.PushCommand;
import io.metaxy.cli.internal.StoreUnsupportedException;
import io.metaxy.cli.internal.VersionsCommand;
import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Constructor;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The {@code metaxy} command. {@link #main} runs it on the process; {@link
 * #commandLine(CliEnvironment)} builds it for tests and embedding ({@code execute(args)} returns
 * the exit code of {@link ExitCodes}).
 */
@Command(
    name = "metaxy",
    mixinStandardHelpOptions = true,
    version = "metaxy 0.1.0-SNAPSHOT",
    description = "Metaxy: feature metadata, versions and increments.",
    subcommands = {
      ListCommand.class,
      DescribeCommand.class,
      GraphCommand.class,
      PushCommand.class,
      HistoryCommand.class,
      MetadataCommand.class,
      MigrateCommand.class,
      VersionsCommand.class,
      ConfigCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:assertion failed (e.g. metadata status --assert-in-sync found work)",
      "2:usage error (bad option, argument, feature or snapshot)",
      "3:configuration or definitions error, missing store provider",
      "4:store error or unsupported operation"
    })
public final class MetaxyCli implements Runnable {
  private static final Set<ErrorCode> CONFIG_ERRORS =
      Set.of(
          ErrorCode.INVALID_CONFIG,
          ErrorCode.PROVIDER_NOT_FOUND,
          ErrorCode.INVALID_DEFINITIONS,
          ErrorCode.INVALID_SPEC,
          ErrorCode.DUPLICATE_FIELD,
          ErrorCode.DUPLICATE_DEPENDENCY,
          ErrorCode.DUPLICATE_FEATURE,
          ErrorCode.MISSING_DEPENDENCY,
          ErrorCode.GRAPH_CYCLE,
          ErrorCode.UNKNOWN_FIELD_DEPENDENCY,
          ErrorCode.FIELD_DEPENDENCY_NOT_A_DEPENDENCY,
          ErrorCode.EMPTY_ID_COLUMNS,
          ErrorCode.GENERATED_ID_COLUMN,
          ErrorCode.RESERVED_COLUMN,
          ErrorCode.UNSUPPORTED_HASH_ALGORITHM);
  private static final Set<ErrorCode> USAGE_ERRORS =
      Set.of(
          ErrorCode.INVALID_KEY,
          ErrorCode.FEATURE_NOT_FOUND,
          ErrorCode.INVALID_FILTER,
          ErrorCode.MISSING_SAMPLES);

  @Spec CommandSpec spec;
  @Mixin CommonOptions common;

  /** Use {@link #commandLine(CliEnvironment)}. */
  public MetaxyCli() {}

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Runs the command on the process and exits with its code. */
  public static void main(String[] args) {
    boolean debug = java.util.Arrays.asList(args).contains("--debug");
    // quiet libraries unless asked: slf4j-simple level, jOOQ banner and tips
    System.setProperty(
        "org.slf4j.simpleLogger.defaultLogLevel",
        System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", debug ? "debug" : "warn"));
    System.setProperty("org.jooq.no-logo", System.getProperty("org.jooq.no-logo", "true"));
    System.setProperty("org.jooq.no-tips", System.getProperty("org.jooq.no-tips", "true"));
    System.exit(commandLine(CliEnvironment.system()).execute(args));
  }

  /** The command line bound to {@code environment}. */
  public static CommandLine commandLine(CliEnvironment environment) {
    CommandLine cl = new CommandLine(new MetaxyCli(), factory(environment));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler(MetaxyCli::handle);
    cl.setExitCodeExceptionMapper(t -> exitCode(t));
    return cl;
  }

  private static CommandLine.IFactory factory(CliEnvironment environment) {
    CommandLine.IFactory dflt = CommandLine.defaultFactory();
    return new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> cls) throws Exception {
        for (Constructor<?> c : cls.getDeclaredConstructors()) {
          if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == CliEnvironment.class) {
            c.setAccessible(true);
            return cls.cast(c.newInstance(environment));
          }
        }
        return dflt.create(cls);
      }
    };
  }

  /** The exit code for an exception escaping a command. */
  static int exitCode(Throwable t) {
    if (t instanceof CliUsageException || t instanceof CommandLine.ParameterException) {
      return ExitCodes.USAGE;
    }
    if (t instanceof StoreUnsupportedException) {
      return ExitCodes.STORE_ERROR;
    }
    if (t instanceof MetaxyException m) {
      if (CONFIG_ERRORS.contains(m.errorCode())) {
        return ExitCodes.CONFIG_ERROR;
      }
      if (USAGE_ERRORS.contains(m.errorCode())) {
        return ExitCodes.USAGE;
      }
      return ExitCodes.STORE_ERROR;
    }
    return ExitCodes.STORE_ERROR;
  }

  private static int handle(Exception ex, CommandLine cmd, ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    boolean debug = debugRequested(parseResult);
    String message = ex.getMessage() == null ? ex.toString() : ex.getMessage();
    if (!(ex instanceof MetaxyException) && !(ex instanceof CliUsageException)) {
      message = ex.getClass().getSimpleName() + ": " + message;
    }
    err.println(cmd.getColorScheme().errorText("error: " + message));
    if (debug) {
      StringWriter sw = new StringWriter();
      ex.printStackTrace(new PrintWriter(sw));
      err.print(sw);
    } else {
      err.println("(run with --debug for the stack trace)");
    }
    err.flush();
    return exitCode(ex);
  }

  private static boolean debugRequested(ParseResult pr) {
    for (ParseResult p = pr; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--debug")) {
        return true;
      }
    }
    return false;
  }
}
