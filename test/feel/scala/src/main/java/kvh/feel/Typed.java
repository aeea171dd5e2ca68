package kvh.feel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.camunda.feel.syntaxtree.*;
import org.camunda.feel.valuemapper.ValueMapper;
import scala.Tuple2;

/** FEEL-Scala values in the typed canonical format of test/feel/README.md. */
final class Typed {
  private final ObjectMapper json;
  private final ValueMapper mapper;

  Typed(ObjectMapper json, ValueMapper mapper) {
    this.json = json;
    this.mapper = mapper;
  }

  JsonNode failure(String message) {
    return node("failure").put("message", message);
  }

  private ObjectNode node(String type) {
    return json.createObjectNode().put("type", type);
  }

  JsonNode of(Object raw) {
    Val v = raw instanceof Val val ? val : mapper.toVal(raw);
    if (v instanceof ValNull$) return node("null");
    if (v instanceof ValBoolean b) return node("boolean").put("value", b.value());
    if (v instanceof ValNumber n) return node("number").put("value", number(n.value().bigDecimal()));
    if (v instanceof ValString s) return node("string").put("value", s.value());
    if (v instanceof ValDate d) return node("date").put("value", d.value().toString());
    if (v instanceof ValLocalTime t) return node("time").put("value", time(t.value()));
    if (v instanceof ValTime t) return node("time").put("value", zonedTime(t.value()));
    if (v instanceof ValLocalDateTime dt) return node("date-time").put("value", local(dt.value()));
    if (v instanceof ValDateTime dt) return node("date-time").put("value", dateTime(dt.value()));
    if (v instanceof ValDayTimeDuration d) return node("days-time duration").put("value", duration(d.value()));
    if (v instanceof ValYearMonthDuration p) return node("years-months duration").put("value", period(p.value()));
    if (v instanceof ValList l) {
      ArrayNode items = json.createArrayNode();
      l.itemsAsSeq().foreach(item -> items.add(of(item)));
      ObjectNode n = node("list");
      n.set("value", items);
      return n;
    }
    if (v instanceof ValContext c) return context(c);
    if (v instanceof ValRange r) return range(r);
    if (v instanceof ValFunction) return node("function");
    if (v instanceof ValError e) return failure(e.error());
    if (v instanceof ValFatalError e) return failure(e.error());
    return node("unknown").put("class", v.getClass().getName()).put("text", v.toString());
  }

  private JsonNode context(ValContext c) {
    ObjectNode entries = json.createObjectNode();
    scala.collection.Iterator<Tuple2<String, Object>> it = c.context().variableProvider().getVariables().iterator();
    while (it.hasNext()) {
      Tuple2<String, Object> e = it.next();
      entries.set(e._1(), of(e._2()));
    }
    ObjectNode n = node("context");
    n.set("value", entries);
    return n;
  }

  private JsonNode range(ValRange r) {
    ObjectNode n = node("range");
    n.set("start", of(r.start().value()));
    n.put("startIncluded", r.start().isClosed());
    n.set("end", of(r.end().value()));
    n.put("endIncluded", r.end().isClosed());
    return n;
  }

  /** Plain decimal, no exponent, no trailing zeros. */
  static String number(BigDecimal d) {
    if (d.signum() == 0) return "0";
    return d.stripTrailingZeros().toPlainString();
  }

  static String time(LocalTime t) {
    String s = String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
    return s + fraction(t.getNano());
  }

  static String fraction(int nanos) {
    if (nanos == 0) return "";
    String f = String.format("%09d", nanos).replaceAll("0+$", "");
    return "." + f;
  }

  static String offset(ZoneOffset o) {
    int total = o.getTotalSeconds();
    int abs = Math.abs(total);
    return String.format("%s%02d:%02d", total < 0 ? "-" : "+", abs / 3600, (abs / 60) % 60);
  }

  static String zonedTime(ZonedTime t) {
    if (t.zone().isDefined()) return time(t.time()) + "@" + t.zone().get().getId();
    return time(t.time()) + offset(t.offset());
  }

  static String local(LocalDateTime dt) {
    return dt.toLocalDate() + "T" + time(dt.toLocalTime());
  }

  static String dateTime(ZonedDateTime dt) {
    String local = local(dt.toLocalDateTime());
    if (dt.getZone() instanceof ZoneOffset o) return local + offset(o);
    return local + "@" + dt.getZone().getId();
  }

  static String duration(Duration d) {
    if (d.isZero()) return "PT0S";
    String sign = d.isNegative() ? "-" : "";
    Duration a = d.abs();
    long secs = a.getSeconds();
    long days = secs / 86400, hours = (secs / 3600) % 24, minutes = (secs / 60) % 60, seconds = secs % 60;
    StringBuilder s = new StringBuilder(sign).append('P');
    if (days > 0) s.append(days).append('D');
    if (hours > 0 || minutes > 0 || seconds > 0 || a.getNano() > 0) {
      s.append('T');
      if (hours > 0) s.append(hours).append('H');
      if (minutes > 0) s.append(minutes).append('M');
      if (seconds > 0 || a.getNano() > 0) s.append(seconds).append(fraction(a.getNano())).append('S');
    }
    return s.toString();
  }

  static String period(Period p) {
    long months = p.toTotalMonths();
    if (months == 0) return "P0M";
    String sign = months < 0 ? "-" : "";
    long m = Math.abs(months);
    StringBuilder s = new StringBuilder(sign).append('P');
    if (m / 12 > 0) s.append(m / 12).append('Y');
    if (m % 12 > 0) s.append(m % 12).append('M');
    return s.toString();
  }
}
