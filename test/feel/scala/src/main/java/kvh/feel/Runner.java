package kvh.feel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.camunda.feel.FeelEngine;
import org.camunda.feel.FeelEngineClock;
import org.camunda.feel.api.EvaluationResult;
import org.camunda.feel.context.Context;
import org.camunda.feel.context.CustomContext;
import org.camunda.feel.syntaxtree.ValContext;
import org.camunda.feel.context.VariableProvider;
import org.camunda.feel.syntaxtree.ParsedExpression;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;
import scala.util.Either;

/**
 * Evaluates a FEEL corpus with FEEL-Scala configured as Zeebe configures it, in one JVM run.
 *
 * <p>Usage: {@code Runner CORPUS.json OUT.json}. The corpus is {@code [{"id", "expression",
 * "context"}]}; the output maps each id to its typed value (test/feel/README.md).
 *
 * <p>Zeebe builds its engine with a value mapper that hands results back as FEEL values, its own
 * function provider ({@code cycle()}) and a clock (the broker clock in the JVM's zone). The runner
 * mirrors that: {@link ValMapper}, {@link Functions}, and a clock pinned to 2026-03-02T08:00:00
 * in Etc/UTC. Variables arrive as Zeebe decodes them from MessagePack: whole numbers as longs,
 * other numbers as doubles (BigDecimal.valueOf), maps and lists as contexts and lists.
 */
public final class Runner {
  static final ZonedDateTime NOW = ZonedDateTime.of(2026, 3, 2, 8, 0, 0, 0, ZoneId.of("Etc/UTC"));

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: Runner CORPUS.json OUT.json");
      System.exit(2);
    }
    TimeZone.setDefault(TimeZone.getTimeZone("Etc/UTC"));
    ObjectMapper json = new ObjectMapper();
    JsonNode corpus = json.readTree(new File(args[0]));
    FeelEngineClock clock = () -> NOW;
    FeelEngine engine =
        new FeelEngine.Builder()
            .customValueMapper(new ValMapper())
            .functionProvider(new Functions())
            .clock(clock)
            .build();
    Typed typed = new Typed(json, engine.valueMapper());
    ObjectNode out = json.createObjectNode();
    for (JsonNode entry : corpus) {
      String id = entry.get("id").asText();
      Map<String, Object> vars = toJavaMap(entry.get("context"));
      out.set(id, evaluate(engine, typed, entry.get("expression").asText(), vars));
    }
    json.enable(SerializationFeature.INDENT_OUTPUT).writeValue(new File(args[1]), out);
  }

  /** Parses and evaluates as Zeebe's FeelExpressionLanguage does; failures become typed failures. */
  static JsonNode evaluate(FeelEngine engine, Typed typed, String expression, Map<String, Object> vars) {
    try {
      Either<FeelEngine.Failure, ParsedExpression> parsed = engine.parseExpression(expression);
      if (parsed.isLeft()) return typed.failure("parse: " + parsed.left().get().message());
      EvaluationResult result = engine.evaluate(parsed.right().get(), new VariableContext(vars));
      if (result.isFailure()) return typed.failure(result.failure().message());
      return typed.of(result.result());
    } catch (RuntimeException e) {
      return typed.failure("exception: " + e);
    }
  }

  /** A JSON object as Java values the way Zeebe's MessagePack mapper decodes them. */
  static Map<String, Object> toJavaMap(JsonNode node) {
    Map<String, Object> map = new LinkedHashMap<>();
    if (node == null || node.isNull()) return map;
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      map.put(f.getKey(), toJava(f.getValue()));
    }
    return map;
  }

  static Object toJava(JsonNode node) {
    if (node == null || node.isNull()) return null;
    if (node.isBoolean()) return node.booleanValue();
    if (node.isIntegralNumber()) {
      return node.canConvertToLong() ? new BigDecimal(node.longValue()) : new BigDecimal(node.bigIntegerValue());
    }
    if (node.isNumber()) return BigDecimal.valueOf(node.doubleValue());
    if (node.isTextual()) return node.textValue();
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(n -> list.add(toJava(n)));
      return list;
    }
    return orderedContext(toJavaMap(node));
  }

  /**
   * An object as a context that keeps its entries in document order, as Zeebe's MessagePack
   * context does (a plain Java map would become a Scala hash map, in no order).
   */
  static ValContext orderedContext(Map<String, Object> map) {
    scala.collection.immutable.ListMap<String, Object> entries = scala.collection.immutable.ListMap$.MODULE$.empty();
    for (Map.Entry<String, Object> e : map.entrySet()) entries = entries.updated(e.getKey(), e.getValue());
    return new ValContext(new Context.StaticContext(entries, scala.collection.immutable.Map$.MODULE$.empty()));
  }

  /** The variables of one evaluation; a missing name is unknown (FEEL: null with a warning). */
  static final class VariableContext extends CustomContext {
    private final Map<String, Object> vars;

    VariableContext(Map<String, Object> vars) {
      this.vars = vars;
    }

    @Override
    public VariableProvider variableProvider() {
      return new VariableProvider() {
        @Override
        public Option<Object> getVariable(String name) {
          return vars.containsKey(name) ? Option.apply(vars.get(name)) : Option.empty();
        }

        @Override
        public scala.collection.Iterable<String> keys() {
          return CollectionConverters.asScala(vars.keySet());
        }
      };
    }
  }
}
