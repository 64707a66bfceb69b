/** Every test runs with the query cache checking each shape's key against the SQL it stands for. */
import { checkQueryShapes } from '../../src/store/query-cache.ts';

checkQueryShapes(true);
