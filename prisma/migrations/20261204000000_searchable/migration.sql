-- A search's tsquery, refused where no index serves it. A query whose every `or` side only
-- leaves words out (`-x`, `x or -y`, `- x`, `-"a b"`) cannot be narrowed by the text index:
-- the view's every row would be read and tested. PostgreSQL's own querytree() says so ('T'),
-- whatever its parser made of the text, so the refusal is exactly the queries it cannot
-- index: SQLSTATE CUSRC. So is a query of more than p_most_words words as PostgreSQL reads
-- them (characters such as ½ separate words to it): one of n words has at most 3n - 1 nodes
-- (the words, a NOT on each, an operator between each two): SQLSTATE CUSRW. A query without
-- a lexeme is returned as it is: it matches nothing. IMMUTABLE: with constant arguments the
-- planner evaluates it once per statement.
CREATE FUNCTION catchup_searchable(p_query tsquery, p_most_words integer) RETURNS tsquery
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
BEGIN
    IF numnode(p_query) > 3 * p_most_words THEN
        RAISE EXCEPTION 'search has more than % words', p_most_words USING ERRCODE = 'CUSRW';
    END IF;
    IF numnode(p_query) > 0 AND querytree(p_query) = 'T' THEN
        RAISE EXCEPTION 'no index serves this search' USING ERRCODE = 'CUSRC';
    END IF;
    RETURN p_query;
END
$$;
