// The PostgreSQL project of the test run: test databases are schemas in TEST_DATABASE_URL.
process.env.TEST_DB_DIALECT = 'postgres';
