package kvh.feel;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.feel.context.JavaFunction;
import org.camunda.feel.context.JavaFunctionProvider;
import org.camunda.feel.syntaxtree.Val;
import org.camunda.feel.syntaxtree.ValDayTimeDuration;
import org.camunda.feel.syntaxtree.ValError;
import org.camunda.feel.syntaxtree.ValNull$;
import org.camunda.feel.syntaxtree.ValNumber;
import org.camunda.feel.syntaxtree.ValString;
import org.camunda.feel.syntaxtree.ValYearMonthDuration;

/**
 * The functions Zeebe adds to FEEL (its FeelFunctionProvider): {@code cycle(repetitions,
 * interval)} and {@code cycle(interval)}, giving an ISO 8601 repeating interval such as
 * "R3/PT1H" (no count when the repetitions are null or absent). Zeebe's {@code fromAi()} is for
 * AI agents and has no counterpart in our engine, so it is left out.
 */
final class Functions extends JavaFunctionProvider {
  private static final Map<String, List<JavaFunction>> FUNCTIONS =
      Map.of(
          "cycle",
          List.of(
              new JavaFunction(List.of("repetitions", "interval"), a -> cycle(a.get(0), a.get(1))),
              new JavaFunction(List.of("interval"), a -> cycle(ValNull$.MODULE$, a.get(0)))));

  @Override
  public Optional<JavaFunction> resolveFunction(String name) {
    throw new UnsupportedOperationException("resolveFunctions is used");
  }

  @Override
  public List<JavaFunction> resolveFunctions(String name) {
    return FUNCTIONS.getOrDefault(name, List.of());
  }

  @Override
  public Collection<String> getFunctionNames() {
    return FUNCTIONS.keySet();
  }

  private static Val cycle(Val repetitions, Val interval) {
    if (repetitions instanceof ValError) return repetitions;
    if (interval instanceof ValError) return interval;
    if (!(interval instanceof ValDayTimeDuration) && !(interval instanceof ValYearMonthDuration)) {
      return new ValError("cycle function expected an interval (duration) parameter, but found '" + interval + "'");
    }
    if (repetitions instanceof ValNull$) return new ValString("R/" + interval);
    if (repetitions instanceof ValNumber n) return new ValString("R" + n.value().intValue() + "/" + interval.toString().toUpperCase());
    return new ValError("cycle function expected a repetitions (number) parameter, but found '" + repetitions + "'");
  }
}
