// The PostgreSQL project of the test run: each test creates a database on TEST_DATABASE_URL's server.
process.env.TEST_DB_DIALECT = 'postgres';
