package kvh;

import io.camunda.zeebe.exporter.api.Exporter;
import io.camunda.zeebe.exporter.api.context.Context;
import io.camunda.zeebe.exporter.api.context.Controller;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRelated;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;

/**
 * Kvalitetshjulet's exporter: writes the broker's events that our read model needs (process
 * and element instances, user tasks, incidents, variables, jobs, message start correlations)
 * into a PostgreSQL table, in log order. The app projects that table into its own tables
 * (src/engine/zeebe/records.ts), so monitoring and the inbox query the same tables on both
 * engines.
 *
 * Delivery is at least once: a batch is committed before its last position is acknowledged,
 * and rows are keyed by (partition, position), so a replay after a crash inserts nothing twice.
 * If PostgreSQL is down, the batch is kept and retried; the broker keeps the log until then.
 *
 * Arguments (zeebe.broker.exporters.kvh.args.*): url (JDBC URL, required), user, password,
 * schema (default zeebe_export), batchSize (default 500), flushMs (default 10). After each batch
 * it sends NOTIFY on a channel named like the schema.
 */
public final class KvhExporter implements Exporter {
  private static final Set<ValueType> VALUE_TYPES = EnumSet.of(
      ValueType.PROCESS_INSTANCE, ValueType.USER_TASK, ValueType.INCIDENT, ValueType.VARIABLE,
      ValueType.JOB, ValueType.MESSAGE_START_EVENT_SUBSCRIPTION, ValueType.PROCESS_MESSAGE_SUBSCRIPTION,
      ValueType.TIMER);

  private record Row(int partition, long position, long key, String valueType, String intent,
      Long processInstanceKey, long timestamp, String json) {}

  private Logger log;
  private Controller controller;
  private String url;
  private String user;
  private String password;
  private String schema;
  private int batchSize;
  private long flushMs;
  private Connection connection;
  private final List<Row> buffer = new ArrayList<>();
  private long lastBuffered = -1;

  @Override
  public void configure(Context context) {
    log = context.getLogger();
    Map<String, Object> args = context.getConfiguration().getArguments();
    url = string(args, "url", null);
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("kvh exporter: argument 'url' (a JDBC PostgreSQL URL) is required");
    }
    user = string(args, "user", null);
    password = string(args, "password", null);
    schema = string(args, "schema", "zeebe_export");
    if (!schema.matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException("kvh exporter: schema must be a plain lower-case identifier");
    }
    batchSize = Integer.parseInt(string(args, "batchSize", "500"));
    flushMs = Long.parseLong(string(args, "flushMs", "10"));
    context.setFilter(new Context.RecordFilter() {
      @Override
      public boolean acceptType(RecordType recordType) {
        return recordType == RecordType.EVENT;
      }

      @Override
      public boolean acceptValue(ValueType valueType) {
        return VALUE_TYPES.contains(valueType);
      }
    });
  }

  private static String string(Map<String, Object> args, String name, String fallback) {
    Object v = args == null ? null : args.get(name);
    return v == null ? fallback : String.valueOf(v);
  }

  @Override
  public void open(Controller controller) {
    this.controller = controller;
    scheduleFlush();
  }

  @Override
  public void close() {
    try {
      flush();
    } catch (SQLException e) {
      log.warn("kvh exporter: could not flush on close; the broker re-exports from the last acknowledged position", e);
    }
    closeConnection();
  }

  @Override
  public void export(Record<?> record) {
    if (record.getPosition() > lastBuffered) {
      Long pik = record.getValue() instanceof ProcessInstanceRelated p ? p.getProcessInstanceKey() : null;
      buffer.add(new Row(record.getPartitionId(), record.getPosition(), record.getKey(), record.getValueType().name(),
          record.getIntent().name(), pik, record.getTimestamp(), record.toJson()));
      lastBuffered = record.getPosition();
    }
    if (buffer.size() >= batchSize) {
      try {
        flush();
      } catch (SQLException e) {
        // The broker calls export again with this record; it is already buffered (position check above).
        throw new IllegalStateException("kvh exporter: writing to PostgreSQL failed: " + e.getMessage(), e);
      }
    }
  }

  private void scheduleFlush() {
    controller.scheduleCancellableTask(Duration.ofMillis(flushMs), () -> {
      try {
        flush();
      } catch (SQLException e) {
        log.warn("kvh exporter: writing to PostgreSQL failed; retrying: {}", e.getMessage());
        closeConnection();
      }
      scheduleFlush();
    });
  }

  private void flush() throws SQLException {
    if (buffer.isEmpty()) return;
    Connection c = connection();
    try (PreparedStatement ps = c.prepareStatement("insert into " + schema + ".record "
        + "(partition_id, position, record_key, value_type, intent, process_instance_key, timestamp, record) "
        + "values (?, ?, ?, ?, ?, ?, ?, ?::jsonb) on conflict do nothing")) {
      for (Row r : buffer) {
        ps.setInt(1, r.partition());
        ps.setLong(2, r.position());
        ps.setLong(3, r.key());
        ps.setString(4, r.valueType());
        ps.setString(5, r.intent());
        if (r.processInstanceKey() == null || r.processInstanceKey() < 0) ps.setNull(6, Types.BIGINT);
        else ps.setLong(6, r.processInstanceKey());
        ps.setLong(7, r.timestamp());
        ps.setString(8, r.json());
        ps.addBatch();
      }
      ps.executeBatch();
      try (Statement s = c.createStatement()) {
        // Delivered at commit: the app wakes up at once instead of waiting for its next poll.
        s.execute("notify " + schema);
      }
      c.commit();
    } catch (SQLException e) {
      try {
        c.rollback();
      } catch (SQLException ignored) {
        // the connection is closed and reopened on the next try
      }
      throw e;
    }
    long last = buffer.get(buffer.size() - 1).position();
    buffer.clear();
    controller.updateLastExportedRecordPosition(last);
  }

  private Connection connection() throws SQLException {
    if (connection != null && !connection.isClosed()) return connection;
    Connection c = user == null ? DriverManager.getConnection(url) : DriverManager.getConnection(url, user, password);
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute("create schema if not exists " + schema);
      s.execute("create table if not exists " + schema + ".record ("
          + "partition_id integer not null, position bigint not null, record_key bigint not null, "
          + "value_type text not null, intent text not null, process_instance_key bigint, "
          + "timestamp bigint not null, record jsonb not null, primary key (partition_id, position))");
      c.commit();
    } catch (SQLException e) {
      c.rollback();
      // Two partitions may race to create the table; the second one finds it on the next try.
      c.close();
      throw e;
    }
    connection = c;
    return c;
  }

  private void closeConnection() {
    if (connection == null) return;
    try {
      connection.close();
    } catch (SQLException ignored) {
      // nothing to do
    }
    connection = null;
  }
}
