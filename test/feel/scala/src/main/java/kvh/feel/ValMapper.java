package kvh.feel;

import org.camunda.feel.impl.JavaValueMapper;
import org.camunda.feel.syntaxtree.Val;
import scala.Function1;
import scala.Option;

/** As Zeebe's value mapper: Java collections in, results out as FEEL values (types kept). */
final class ValMapper extends JavaValueMapper {
  @Override
  public Option<Object> unpackVal(Val value, Function1<Val, Object> innerValueMapper) {
    return Option.apply(value);
  }
}
